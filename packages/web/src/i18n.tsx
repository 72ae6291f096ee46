/** Danish first, English switchable: the words of the app in both, and the language in a context. */

import { createContext, useCallback, useContext, type ReactNode } from 'react';

export type Language = 'da' | 'en';

const WORDS = {
  appTitle: ['Jobinvestering', 'Job investment'],
  overview: ['Overblik', 'Overview'],
  forecast: ['Prognose', 'Forecast'],
  invest: ['Investeringsberegner', 'Investment calculator'],
  fleksjob: ['Fleksjob-beregner', 'Flex-job calculator'],
  modelCheck: ['Modelkontrol', 'Model check'],
  glossary: ['Ordliste', 'Glossary'],
  municipality: ['Kommune', 'Municipality'],
  language: ['English', 'Dansk'],
  loading: ['Henter …', 'Loading …'],
  noMunicipality: [
    'Databasen har ingen kommuner: importér data, eller start med --demo.',
    'The store holds no municipality: import data, or start with --demo.',
  ],
  computing: ['Beregner …', 'Computing …'],
  error: ['Fejl', 'Error'],
  dataWindow: ['Data', 'Data'],
  lastImport: ['Seneste import', 'Last import'],
  personsByGroup: ['Personer pr. ydelsesgruppe, uge for uge', 'Persons by benefit group, week by week'],
  fullTimeByYear: ['Fuldtidspersoner pr. år', 'Full-time persons by year'],
  flows: ['Tilgang og afgang pr. år (forløb)', 'Inflow and outflow by year (spells)'],
  inflow: ['Tilgang', 'Inflow'],
  outflow: ['Afgang', 'Outflow'],
  year: ['År', 'Year'],
  total: ['I alt', 'Total'],
  publicSupport: ['Offentlig forsørgelse i alt', 'Public income support, total'],
  definition: ['Definition', 'Definition'],
  forecastPersons: [
    'Fuldtidspersoner på offentlig forsørgelse',
    'Full-time persons on public income support',
  ],
  expenditure: ['Udgifter', 'Expenditure'],
  gross: ['Brutto', 'Gross'],
  municipalNet: ['Kommunens nettoudgift', 'Municipal net expenditure'],
  staircase: [
    'Refusionstrappen: kommunens nettoudgift pr. trin',
    'The refusion staircase: municipal net by step',
  ],
  band80: ['80 %-interval', '80 % interval'],
  band95: ['95 %-interval', '95 % interval'],
  assumptions: ['Forudsætninger', 'Assumptions'],
  target: ['Målgruppe', 'Target group'],
  benefit: ['Ydelse', 'Benefit'],
  minWeeks: ['Mindst uger i forløbet', 'At least weeks in the spell'],
  participants: ['Deltagere', 'Participants'],
  costPerParticipant: ['Udgift pr. deltager (kr.)', 'Cost per participant (kr.)'],
  costPerWeek: ['Løbende udgift pr. uge (kr.)', 'Running cost per week (kr.)'],
  costWeeks: ['Løbende udgift i uger', 'Running cost for weeks'],
  effect: ['Effekt (hazard ratio mod job)', 'Effect (hazard ratio towards work)'],
  lockInWeeks: ['Fastholdelse: uger', 'Lock-in: weeks'],
  lockInRatio: ['Fastholdelse: hazard ratio', 'Lock-in: hazard ratio'],
  halfLife: ['Halveringstid for effekten (uger, 0 = varig)', 'Half-life of the effect (weeks, 0 = lasting)'],
  horizon: ['Horisont (uger)', 'Horizon (weeks)'],
  discountRate: ['Diskonteringsrente (%)', 'Discount rate (%)'],
  startWeek: ['Start (ÅÅÅÅUU)', 'Start (YYYYWW)'],
  caseName: ['Navn på casen', 'Name of the case'],
  npv: ['Nutidsværdi', 'Net present value'],
  payback: ['Tilbagebetaling', 'Payback'],
  discountedPayback: ['Tilbagebetaling, diskonteret', 'Discounted payback'],
  never: ['ikke inden for horisonten', 'not within the horizon'],
  breakEven: ['Break-even-effekt', 'Break-even effect'],
  chosenEffect: ['valgt effekt', 'chosen effect'],
  probability: ['Sandsynlighed for tilbagebetaling', 'Probability of paying back'],
  movedFullTime: ['Fuldtidspersoner flyttet', 'Full-time persons moved'],
  withIntervention: ['Med indsats', 'With intervention'],
  withoutIntervention: ['Uden indsats', 'Without intervention'],
  cumulative: ['Akkumuleret nettogevinst', 'Cumulative net saving'],
  paybackPoint: ['tilbagebetalt', 'paid back'],
  save: ['Gem', 'Save'],
  report: ['Rapport til udvalget (PDF)', 'Report for the council (PDF)'],
  saved: ['Gemte cases', 'Saved cases'],
  open: ['Åbn', 'Open'],
  duplicate: ['Kopiér', 'Duplicate'],
  compare: ['Sammenlign', 'Compare'],
  planActual: ['Plan mod faktisk', 'Plan against actual'],
  planWaits: [
    'når data rækker ud over starten; de slutter i',
    'once the data reach past the start; they end in',
  ],
  none: ['Ingen endnu', 'None yet'],
  targetGroupSize: ['personer i målgruppen', 'persons in the target group'],
  uncertainty: ['Usikkerhed (mikrosimulation)', 'Uncertainty (microsimulation)'],
} as const;

export type Word = keyof typeof WORDS;

const LanguageContext = createContext<Language>('da');

export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** The words in the current language. */
export function useWords(): (word: Word) => string {
  const language = useLanguage();
  // The same function while the language stays, so that what is computed from the words is kept.
  return useCallback((word: Word) => WORDS[word][language === 'da' ? 0 : 1], [language]);
}
