import { describe, expect, it } from 'vitest';
import { bindQueries } from '../../../server/store/bindQueries';

/** A query module as the engines write them: functions `(connection, ...args)`, and other exports. */
const queries = {
  countRows: (db: { rows: number[] }) => db.rows.length,
  rowAt: async (db: { rows: number[] }, index: number) => db.rows[index] ?? null,
  failing: (db: { rows: number[] }, why: string): number => {
    throw new Error(`test.queries: ${why} (${db.rows.length} rows)`);
  },
  TABLE: 'rows',
};

describe('bindQueries', () => {
  it("binds a module's functions to one connection as methods answering promises", async () => {
    const bound = bindQueries({ rows: [4, 5] }, queries);
    expect(await bound.countRows()).toBe(2);
    expect(await bound.rowAt(1)).toBe(5);
    expect(Object.keys(bound).sort()).toEqual(['countRows', 'failing', 'rowAt']);
  });

  it("answers a synchronous query's throw as a rejection", async () => {
    const bound = bindQueries({ rows: [] }, queries);
    await expect(bound.failing('no such row')).rejects.toThrow('test.queries: no such row (0 rows)');
  });
});
