/**
 * A trace is a logged act: who traced which ID number, when and for which case is in the
 * database's trace audit (listed for IT staff at /api/v1/audit/traces), and the log says only
 * that a trace ran, never the ID number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceAuditEntry } from '../../../shared/district';
import { adminHeaders } from '../../support/districtHttp';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('trace audit on %s', (_name, open) => {
  let server: TestDistrictServer;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
  });
  afterAll(() => server.close());

  it('records who traced which ID, when and for which case, newest first, and keeps the ID out of the log', async () => {
    const trace = (idNumber: string, extra: string) =>
      fetch(
        `${server.url}/api/v1/trace?idNumber=${idNumber}&from=2026-11-24T00:00:00%2B07:00&to=2026-11-26T00:00:00Z${extra}`,
        { headers: adminHeaders() },
      );
    server.setNow('2026-11-25T04:00:00.000Z');
    expect((await trace('001099000777', '&caseRef=CDC-2026-118')).status).toBe(200);
    server.setNow('2026-11-25T05:00:00.000Z');
    expect((await trace('079300000888', '')).status).toBe(200);
    const { entries, nextBefore } = (await (
      await fetch(`${server.url}/api/v1/audit/traces`, { headers: adminHeaders() })
    ).json()) as { entries: TraceAuditEntry[]; nextBefore: number | null };
    expect(entries).toEqual([
      {
        id: expect.any(Number),
        tracedAt: '2026-11-25T05:00:00.000Z',
        actor: 'admin-token',
        idNumber: '079300000888',
        caseRef: null,
        from: '2026-11-23T17:00:00.000Z',
        to: '2026-11-26T00:00:00.000Z',
        exportedAt: null,
        printedAt: null,
      },
      {
        id: expect.any(Number),
        tracedAt: '2026-11-25T04:00:00.000Z',
        actor: 'admin-token',
        idNumber: '001099000777',
        caseRef: 'CDC-2026-118',
        from: '2026-11-23T17:00:00.000Z',
        to: '2026-11-26T00:00:00.000Z',
        exportedAt: null,
        printedAt: null,
      },
    ]);
    expect(nextBefore).toBeNull();
    const older = (await (
      await fetch(`${server.url}/api/v1/audit/traces?limit=1&before=${entries[0].id}`, { headers: adminHeaders() })
    ).json()) as { entries: TraceAuditEntry[] };
    expect(older.entries.map((e) => e.idNumber)).toEqual(['001099000777']);
    expect(server.logLines.filter((line) => line.includes('trace run'))).toHaveLength(2);
    expect(server.logLines.join('\n')).not.toMatch(/001099000777|079300000888|CDC-2026-118/);
  });

  it('lets only the admin token read the audit', async () => {
    expect((await fetch(`${server.url}/api/v1/audit/traces`)).status).toBe(401);
  });
});
