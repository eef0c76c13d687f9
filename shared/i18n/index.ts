import i18next, { type i18n } from 'i18next';
import type { Language } from '../domain';
import type { ErrorCode } from '../errors';
import type { Reason, ReasonCode } from '../reasons';
import { en, type CatalogueKey } from './en';
import { nl } from './nl';

/*
 * Every word Packdesk shows or sends, per language, formatted by i18next: CLDR plural rules
 * (`key_one` / `key_other`, chosen by `count`) and Intl number formatting (`{count, number}`).
 * The renderer words the screen from it; main words what goes to Picqer (problem comments, pause
 * reasons) in the station's language, and its logs in English, from the same catalogue.
 */

export type { CatalogueKey } from './en';

/** A key as code asks for it: a plural's forms (`x_one`, `x_other`) are asked for as `x`, with a count. */
export type MessageKey = CatalogueKey extends infer K ? (K extends `${infer Base}_${'one' | 'other'}` ? Base : K) : never;
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const catalogues: Record<Language, Record<CatalogueKey, string>> = { en, nl };

const instances = new Map<Language, i18n>();

function instanceFor(language: Language): i18n {
  const known = instances.get(language);
  if (known) return known;
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, nl: { translation: nl } },
    initAsync: false,
    showSupportNotice: false,
    // The keys are flat and dotted: a dot is part of the key, not a path.
    keySeparator: false,
    nsSeparator: false,
    interpolation: {
      prefix: '{',
      suffix: '}',
      // React escapes what it renders; PDFs and Picqer comments are plain text.
      escapeValue: false,
    },
    // A placeholder without a value stays visible instead of vanishing.
    missingInterpolationHandler: (_text: string, match: RegExpExecArray | string[]) => match[0],
  });
  instances.set(language, instance);
  return instance;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key) || (Object.hasOwn(en, `${key}_one`) && Object.hasOwn(en, `${key}_other`));
}

export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  return instanceFor(language).t(key, vars ? { ...vars } : undefined);
}

export function createT(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

// Every reason main can give has its sentence in the reference catalogue: a missing one does not compile.
const reasonSentences: Record<`reason.${ReasonCode}`, string> = en;

/** A reason main gave, in words. */
export function reasonText(language: Language, reason: Reason): string {
  const key: `reason.${ReasonCode}` = `reason.${reason.code}`;
  return Object.hasOwn(reasonSentences, key) ? translate(language, key, reason.params) : reason.code;
}

/** The key for an error code's sentence; a code without one does not compile. */
export function errorKey(code: ErrorCode): MessageKey {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}

export function localeOf(language: Language): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}
