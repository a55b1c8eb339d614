/** Local days and times in the district's time zone (Intl; no offsets written by hand). */

export { addDays, localDayOf as localDay } from '../shared/localTime';

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
