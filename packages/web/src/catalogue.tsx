/** The benefit catalogue every page names groups from, in a context the app's frame fills from the API. */

import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Benefit } from './api.ts';
import { useLanguage } from './i18n.tsx';

/** The benefit catalogue by code, from the API. */
const CatalogueContext = createContext<ReadonlyMap<string, Benefit>>(new Map());

export function CatalogueProvider({
  catalogue,
  children,
}: {
  catalogue: ReadonlyMap<string, Benefit>;
  children: ReactNode;
}) {
  return <CatalogueContext.Provider value={catalogue}>{children}</CatalogueContext.Provider>;
}

export function useCatalogue(): ReadonlyMap<string, Benefit> {
  return useContext(CatalogueContext);
}

/** The name of a state (benefit code, `job`, `su`, `out`) in the current language. */
export function useStateName(): (state: string) => string {
  const catalogue = useCatalogue();
  const language = useLanguage();
  return useCallback(
    (state: string) => {
      const benefit = catalogue.get(state);
      if (benefit) return language === 'da' ? benefit.nameDa : benefit.nameEn;
      return state;
    },
    [catalogue, language],
  );
}

/**
 * How a page counts a state: `support` (public income support, in "Offentlig forsørgelse i alt"),
 * `subsidised` (fleksjob: employment the municipality subsidises, shown beside that total and not
 * in it), or `null` (work, education, out).
 */
export function groupKind(benefit: Benefit | undefined): 'support' | 'subsidised' | null {
  if (benefit?.publicSupport) return 'support';
  if (benefit?.wageSubsidised) return 'subsidised';
  return null;
}
