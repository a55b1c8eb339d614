/**
 * Local days in an IANA time zone, for the district server and the console alike (Intl only, no
 * offsets written by hand): the day of an instant, day arithmetic, and the instant a day starts.
 */

/** The calendar day `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDayOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `day` plus `days` calendar days, `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Offset of `timeZone` from UTC at `instant`, minutes (420 for Asia/Ho_Chi_Minh). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant local midnight starts `day` in `timeZone`, ISO 8601 UTC. */
export function startOfLocalDay(day: string, timeZone: string): string {
  const guess = new Date(`${day}T00:00:00Z`);
  const first = new Date(guess.getTime() - utcOffsetMinutes(guess, timeZone) * 60_000);
  // A second pass settles days whose offset changes near midnight (daylight saving elsewhere).
  return new Date(guess.getTime() - utcOffsetMinutes(first, timeZone) * 60_000).toISOString();
}

/** An instant as the district reads it: `dd/mm/yyyy HH:mm` in `timeZone` (exports for the epidemiology team). */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
