/** The console's catalogs: the same keys in both languages, every server error code has words. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../console/messages/en';
import { vi } from '../../console/messages/vi';
import { SCAN_IMPORT_PROBLEMS } from '../../shared/scanImport';

describe('console messages', () => {
  it('has the same keys and placeholders in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect([...en[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), key).toEqual(
        [...vi[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
      );
    }
  });

  it('puts in words every error code the console routes answer', () => {
    const codes = new Set<string>();
    for (const file of ['session', 'users', 'venues', 'trace']
      .map((f) => `server/routes/${f}.ts`)
      .concat(['server/http/sessions.ts', 'server/http/auth.ts'])) {
      for (const match of readFileSync(file, 'utf8').matchAll(/HttpError\(\d{3}, '([\w-]+)'/g)) codes.add(match[1]);
    }
    expect([...codes].filter((code) => !(`error.${code}` in vi))).toEqual([]);
  });

  it('puts in words every refusal of a scan file import, and every outcome the import history shows', () => {
    for (const problem of SCAN_IMPORT_PROBLEMS) {
      expect(vi, problem).toHaveProperty([`error.import-${problem}`]);
      expect(vi, problem).toHaveProperty([`import.outcome.${problem}`]);
    }
    for (const outcome of ['imported', 'running', 'failed']) expect(vi).toHaveProperty([`import.outcome.${outcome}`]);
  });
});
