import { describe, expect, it } from 'vitest';
import { pairSequence } from '../../../server/domain/presencePairing';
import {
  LONG_SPAN_CLASS,
  NEWEST_ROWS,
  groupByVenue,
  newPresenceOf,
  planPresence,
  sliceOfNewest,
  spanClassOf,
  type PresenceRow,
} from '../../../server/domain/presenceSlices';
import { storedScan } from '../../support/storedScans';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-11-25T01:00:00.000Z');

/** The rows a person's scans pair into when paired all at once. */
function rowsOf(scans: ReturnType<typeof storedScan>[]): PresenceRow[] {
  const [person] = newPresenceOf(scans, 420);
  return pairSequence(person.events, 'port').map((interval) => ({
    ...interval,
    venueId: 'v1',
    personKey: person.personKey,
  }));
}

describe('presence slices', () => {
  it('classes spans by their length, past two days in the long class', () => {
    expect(spanClassOf(0, HOUR)).toBe(0);
    expect(spanClassOf(0, 2 * HOUR)).toBe(1);
    expect(spanClassOf(0, 72 * HOUR)).toBe(LONG_SPAN_CLASS);
  });

  it('groups new events per person in pairing order, leaving out scans that take no part', () => {
    const scans = [
      storedScan(iso(T0 + HOUR), { direction: 'out' }),
      storedScan(iso(T0)),
      storedScan(iso(T0), { outcome: 'refused' }),
      storedScan(iso(T0), { idNumber: '001000000009' }),
    ];
    const fresh = newPresenceOf(scans, 420);
    expect(fresh.map((p) => [p.personKey, p.events.length, p.from, p.to])).toEqual([
      ['037188000123', 2, T0, T0 + HOUR],
      ['001000000009', 1, T0, T0],
    ]);
    expect([...groupByVenue([storedScan(iso(T0), {}, 'a'), storedScan(iso(T0), {}, 'b')]).keys()]).toEqual(['a', 'b']);
  });

  it('reads a slice from the newest rows only when they reach back far enough', () => {
    const stored = rowsOf([
      storedScan(iso(T0)),
      storedScan(iso(T0 + HOUR), { direction: 'out' }),
      storedScan(iso(T0 + 2 * HOUR)),
    ]);
    expect(stored.length).toBe(NEWEST_ROWS);
    const [later] = newPresenceOf([storedScan(iso(T0 + 3 * HOUR), { direction: 'out' })], 420);
    expect(sliceOfNewest(stored, later)?.rows.map((row) => row.owner.at)).toEqual([T0 + 2 * HOUR]);
    const [earlier] = newPresenceOf([storedScan(iso(T0 - HOUR))], 420);
    expect(sliceOfNewest(stored, earlier)).toBeNull();
  });

  it('re-pairs a slice with new events: the same rows as pairing everything at once', () => {
    const entry = storedScan(iso(T0));
    const exit = storedScan(iso(T0 + HOUR), { direction: 'out' });
    const before = rowsOf([entry]);
    const [fresh] = newPresenceOf([exit], 420);
    const changes = planPresence('v1', 'port', fresh, { rows: before, nextAt: null });
    expect(changes.upserts.map((row) => [row.start, row.end, row.closedBy])).toEqual([[T0, T0 + HOUR, 'exit']]);
    // Its span went from the default stay (2 h) to 1 h, another class: the row's old key goes.
    expect(changes.deletes.map((row) => [row.start, row.end, row.closedBy])).toEqual([
      [T0, T0 + 2 * HOUR, 'default-stay'],
    ]);
    expect(planPresence('v1', 'port', fresh, { rows: [], nextAt: null }).upserts[0].closedBy).toBe('entry-assumed');
  });
});
