/**
 * The API document is the route table's: every route appears with its summary and answers, no
 * path appears that the table lacks, and each access kind becomes the right security.
 */
import { describe, expect, it } from 'vitest';
import { jsonAnswer } from '../../../server/http/answers';
import type { Access } from '../../../server/http/auth';
import { defineRoute } from '../../../server/http/routeTable';
import { securityOf } from '../../../server/http/openApiDocument';
import { openApiDocument, ROUTES } from '../../../server/routes/index';
import { ROLES } from '../../../shared/console';

interface Operation {
  readonly summary: string;
  readonly security?: unknown;
  readonly requestBody?: unknown;
  readonly responses: Readonly<Record<string, unknown>>;
}

const paths = openApiDocument().paths as Record<string, Record<string, Operation>>;
const operation = (method: string, path: string): Operation | undefined => paths[path]?.[method.toLowerCase()];
const ROLE_ACCESS: ReadonlySet<Access> = new Set<Access>(ROLES);

describe('OpenAPI document from the route table', () => {
  it('documents every route of the table with its summary', () => {
    for (const route of ROUTES) {
      const documented = operation(route.method, route.path);
      expect(documented, `${route.method} ${route.path} is missing from the document`).toBeDefined();
      expect(route.summary.trim()).not.toBe('');
      expect(documented?.summary).toBe(route.summary);
      expect(Object.keys(documented?.responses ?? {}).some((status) => status.startsWith('2'))).toBe(true);
    }
  });

  it('has no operation the table lacks', () => {
    const inTable = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
    const inDocument = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(inDocument.filter((key) => !inTable.has(key))).toEqual([]);
    expect(inDocument).toHaveLength(inTable.size);
  });

  it('documents the request schema of every route that reads a body, and the refusals its access implies', () => {
    for (const route of ROUTES) {
      const documented = operation(route.method, route.path);
      const where = `${route.method} ${route.path}`;
      if (route.body) expect(documented?.requestBody, where).toBeDefined();
      if (route.access !== 'none') expect(Object.keys(documented?.responses ?? {}), where).toContain('401');
      if (ROLE_ACCESS.has(route.access)) expect(Object.keys(documented?.responses ?? {}), where).toContain('403');
    }
  });

  it.each([
    ['none', 'GET', '/healthz', undefined],
    ['admin-token', 'POST', '/api/v1/setup/first-account', [{ adminToken: [] }]],
    ['device', 'POST', '/api/v1/scans:batch', [{ deviceToken: [] }]],
    ['viewer', 'GET', '/api/v1/overview', [{ adminToken: [] }, { consoleSession: ['viewer'] }]],
    ['tracer', 'GET', '/api/v1/trace', [{ adminToken: [] }, { consoleSession: ['tracer'] }]],
    ['it', 'GET', '/api/v1/users', [{ adminToken: [] }, { consoleSession: ['it'] }]],
  ] as const)('gives a route of access %s (%s %s) its security', (access, method, path, security) => {
    expect(ROUTES.find((route) => route.method === method && route.path === path)?.access).toBe(access);
    expect(operation(method, path)?.security).toEqual(security);
    expect(securityOf(access)).toEqual(security);
  });

  it('refuses, as a type error, a route without its documentation', () => {
    const route = defineRoute<null>();
    // @ts-expect-error: summary and responses are required on every route
    const undocumented = route({ method: 'GET', path: '/x', access: 'none', handle: () => jsonAnswer(200, {}) });
    expect(undocumented.path).toBe('/x');
  });
});
