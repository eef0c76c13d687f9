import { useMemo } from 'react';
import { selectLanguage } from '../stores/app';
import { useApp } from '../stores/context';
import { createT, type Translate } from './index';

/** `t` in the station's language, from appState.language. */
export function useT(): Translate {
  const language = useApp(selectLanguage);
  return useMemo(() => createT(language), [language]);
}
