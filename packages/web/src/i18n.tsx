/** Danish first, English switchable: the language in a context, and the words (words.ts) in it. */

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '@jobinvest/core';
import { setRequestLanguage } from './api.ts';
import { wordsIn } from './words.ts';

export type { Language };
export type { Word } from './words.ts';

const LanguageContext = createContext<Language>('da');

export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  // Set while rendering, so that the requests the children send from their effects already carry it.
  setRequestLanguage(language);
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** The words in the current language. */
export function useWords(): ReturnType<typeof wordsIn> {
  const language = useLanguage();
  // The same function while the language stays, so that what is computed from the words is kept.
  return useMemo(() => wordsIn(language), [language]);
}
