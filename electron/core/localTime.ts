/** Device time as the scan row keeps it: UTC instant, the local offset, and the local day. */
export interface LocalTime {
  /** ISO 8601 UTC with milliseconds. */
  readonly iso: string;
  /** Minutes east of UTC (Vietnam: 420). */
  readonly offsetMinutes: number;
  /** Local calendar day, `YYYY-MM-DD`. */
  readonly localDay: string;
}

export function localTime(at: Date, offsetMinutes = -at.getTimezoneOffset()): LocalTime {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000);
  return { iso: at.toISOString(), offsetMinutes, localDay: shifted.toISOString().slice(0, 10) };
}

/** The instant as local wall time with its offset (`2026-12-02T14:48:00+07:00`): what people read in a file name. */
export function isoWithOffset(at: Date, offsetMinutes = -at.getTimezoneOffset()): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
