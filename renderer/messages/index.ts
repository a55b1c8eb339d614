import type { Language } from '../../shared/kioskSettings';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey };
export const CATALOGS: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { vi, en };

/** Looks up a message and fills `{name}` placeholders. */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, values = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
