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
