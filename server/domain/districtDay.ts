/**
 * The district's local day: by a UTC offset at ingest (day counts, presence: a kiosk PC's own
 * zone never decides it) and by the district's IANA time zone in answers (Intl; no offsets
 * written by hand).
 */
export { addDays, localDayOf as localDay } from '../../shared/localTime';

/** Re-exported: the console's CSV export writes times the same way (`shared/localTime.ts`). */
export { localDateTime } from '../../shared/localTime';

/** Viet Nam's offset: the day counts' default (`IngestReport.districtOffsetMin`). */
export const DEFAULT_DISTRICT_OFFSET_MIN = 420;

const DAY = 86_400_000;

/** The local day (`YYYY-MM-DD`) of an instant (ms) at a UTC offset (minutes). */
export function districtDayOf(instantMs: number, offsetMin: number): string {
  return new Date(Math.floor((instantMs + offsetMin * 60_000) / DAY) * DAY).toISOString().slice(0, 10);
}

/**
 * `districtDayOf` with each day's text made once: ingest asks it for every scan of a batch (twice:
 * the kiosk's day and the district's), and a batch spans a day or two.
 */
export function dayTexts(): (instantMs: number, offsetMin: number) => string {
  const known = new Map<number, string>();
  return (instantMs, offsetMin) => {
    const day = Math.floor((instantMs + offsetMin * 60_000) / DAY);
    let text = known.get(day);
    if (text === undefined) {
      text = new Date(day * DAY).toISOString().slice(0, 10);
      known.set(day, text);
    }
    return text;
  };
}

/** The first day (`YYYY-MM-DD`) whose counts a purge at `cutoff` keeps: days before it end before the cutoff at any UTC offset. */
export function daysWhollyBefore(cutoff: string): string {
  return new Date(Date.parse(`${cutoff.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
