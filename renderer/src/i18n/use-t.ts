import { useCallback, useMemo } from 'react';
import type { Reason } from '../../../shared/reasons';
import { selectLanguage } from '../stores/app';
import { useApp } from '../stores/context';
import { createT, reasonText, type Translate } from './index';

/** `t` in the station's language, from appState.language. */
export function useT(): Translate {
  const language = useApp(selectLanguage);
  return useMemo(() => createT(language), [language]);
}

/** A reason main gave (shared/reasons.ts), in the station's language. */
export function useReasonText(): (reason: Reason) => string {
  const language = useApp(selectLanguage);
  return useCallback((reason: Reason) => reasonText(language, reason), [language]);
}
