/** Times for people: instants shown in the district's local time (Intl), local days to instants. */
import { addDays, localDayOf, startOfLocalDay } from '../shared/localTime';
import type { Language } from './messages';

const LOCALES: Readonly<Record<Language, string>> = { vi: 'vi-VN', en: 'en-GB' };

/** `dd/mm/yyyy HH:mm` style in `timeZone` for the language. */
export function formatDateTime(iso: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** `HH:mm` in `timeZone`. */
export function formatTime(iso: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The end of a span from `startIso`: its time alone on the same local day, with its date on another (a hotel stay to the next morning). */
export function formatEnd(startIso: string, endIso: string, timeZone: string, language: Language): string {
  const sameDay = localDayOf(new Date(startIso), timeZone) === localDayOf(new Date(endIso), timeZone);
  return sameDay ? formatTime(endIso, timeZone, language) : formatDateTime(endIso, timeZone, language);
}

/**
 * A trace window [from, to) as the tracer chose it: whole local days as "dd/mm/yyyy – dd/mm/yyyy"
 * (the last day included, not the exclusive midnight after it), else instants.
 */
export function formatWindow(fromIso: string, toIso: string, timeZone: string, language: Language): string {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  const fromDay = localDayOf(from, timeZone);
  const lastDay = localDayOf(new Date(to.getTime() - 1), timeZone);
  const wholeDays =
    startOfLocalDay(fromDay, timeZone) === from.toISOString() &&
    startOfLocalDay(addDays(lastDay, 1), timeZone) === to.toISOString();
  return wholeDays
    ? `${formatDay(fromDay, language)} – ${formatDay(lastDay, language)}`
    : `${formatDateTime(fromIso, timeZone, language)} – ${formatDateTime(toIso, timeZone, language)}`;
}

/** A local day `YYYY-MM-DD` as people write it (`25/11/2026`, or with the weekday when `long`). */
export function formatDay(day: string, language: Language, long = false): string {
  const options: Intl.DateTimeFormatOptions = long
    ? { weekday: 'short', day: '2-digit', month: '2-digit', timeZone: 'UTC' }
    : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALES[language], options).format(new Date(`${day}T00:00:00Z`));
}

/** "3 minutes ago", "in 2 hours" from `now`. */
export function formatRelative(iso: string, now: Date, language: Language): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  return format.format(seconds, 'second');
}

export { addDays, localDayOf, startOfLocalDay } from '../shared/localTime';
