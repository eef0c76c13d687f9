import type { ErrorCode } from '../../../shared/errors';
import type { Language } from '../../../shared/domain';
import { en, type MessageKey } from './en';
import { nl } from './nl';

export type { MessageKey } from './en';
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const catalogues: Record<Language, Record<MessageKey, string>> = { en, nl };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible instead of vanishing. */
export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const template = catalogues[language][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function createT(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

/** The key for an error code's sentence; a code without one does not compile. */
export function errorKey(code: ErrorCode): MessageKey {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}

/** The sentence for main's reason beside an error code, when the catalogue has one. */
export function errorReasonKey(reason: string | undefined): MessageKey | null {
  if (!reason) return null;
  const key = `error.reason.${reason}`;
  return isMessageKey(key) ? key : null;
}

export function plural(count: number, one: MessageKey, other: MessageKey): MessageKey {
  return count === 1 ? one : other;
}

export function localeOf(language: Language): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}
