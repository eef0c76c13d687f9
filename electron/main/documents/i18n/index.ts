import { languages, type Language } from '../../../../shared/domain';
import type { DocumentCatalogue } from './catalogue';
import en from './en';
import nl from './nl';

export const catalogues: Record<Language, DocumentCatalogue> = { nl, en };

/** The catalogue for an order's language as Picqer stores it ("nl", "NL", "en-GB", ...), if there is one. */
export function documentLanguageOf(value: string | null | undefined): Language | null {
  const base = value?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return languages.find((l) => l === base) ?? null;
}

export type { DocumentCatalogue } from './catalogue';
