/**
 * The progression pages' side of the API (`/api/progression/…`, `/api/citizen-link/…`): the paths,
 * the shapes (core's `progression/api.ts`, one definition for both sides), and the small reckonings
 * the pages share: a pseudonym shortened for a table, the indicators' names, what a final
 * measurement still lacks, the job-search channels as chosen, a change as written.
 */

import {
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  INDICATOR_NAMES,
  SEARCH_CHANNELS,
  type Answers,
  type Indicator,
  type MeasurementInput,
  type Questionnaire,
  type QuestionnaireItem,
  type Respondent,
  type SearchChannel,
  type Texts,
} from '@jobinvest/core';
import { useCallback } from 'react';
import { useLanguage, type Language } from '../../i18n.tsx';

export type { CitizenLinkAnswer, CitizenLinkIssued } from '@jobinvest/core';

export const code3 = (code: number) => String(code).padStart(3, '0');

export const PROGRESSION = '/api/progression';

export const citizensPath = (municipality: number) =>
  `${PROGRESSION}/citizens?municipality=${code3(municipality)}`;

export const citizenPath = (person: string, municipality: number) =>
  `${PROGRESSION}/citizens/${encodeURIComponent(person)}?municipality=${code3(municipality)}`;

export const newMeasurementPath = (person: string, municipality: number) =>
  `${PROGRESSION}/citizens/${encodeURIComponent(person)}/measurements?municipality=${code3(municipality)}`;

export const measurementPath = (id: number) => `${PROGRESSION}/measurements/${id}`;

export const citizenLinkPath = (token: string) => `/api/citizen-link/${encodeURIComponent(token)}`;

/** GET /api/progression/questionnaires. */
export interface QuestionnairesAnswer {
  readonly questionnaires: readonly Questionnaire[];
  readonly current: Readonly<Record<string, string>>;
}

/** A text in the page's language. */
export const inLanguage = (text: Texts, language: Language) => text[language];

/**
 * A pseudonym as a table shows it: its first 10 characters (a keyed hash, so the start tells the
 * citizens of a caseload apart); the whole one in the cell's title and in the address.
 */
export function shortPseudonym(person: string): string {
  return person.length > 10 ? `${person.slice(0, 10)}…` : person;
}

export function indicatorsOf(respondent: Respondent): readonly Indicator[] {
  return respondent === 'citizen' ? CITIZEN_INDICATORS : CASEWORKER_INDICATORS;
}

/** An indicator's name in the page's language (core's INDICATOR_NAMES, as the dialogue guide writes it). */
export function useIndicatorName(): (indicator: Indicator) => string {
  const language = useLanguage();
  return useCallback((indicator: Indicator) => INDICATOR_NAMES[indicator][language], [language]);
}

/** The items a final measurement still lacks: per respondent, the indicators with no score. */
export function unanswered(
  questionnaire: Questionnaire,
  input: Pick<MeasurementInput, 'citizen' | 'caseworker'>,
): { readonly citizen: Indicator[]; readonly caseworker: Indicator[] } {
  const missing = (items: readonly QuestionnaireItem[], answers: Answers) =>
    items.map((i) => i.indicator).filter((k) => typeof answers[k] !== 'number');
  return {
    citizen: missing(questionnaire.citizen, input.citizen),
    caseworker: missing(questionnaire.caseworker, input.caseworker),
  };
}

/**
 * The channels as chosen: "not searching" excludes the others (indicators.ts), so choosing it
 * clears them and choosing another clears it.
 */
export function toggleChannel(chosen: readonly SearchChannel[], channel: SearchChannel): SearchChannel[] {
  if (chosen.includes(channel)) return chosen.filter((c) => c !== channel);
  if (channel === 'notSearching') return ['notSearching'];
  return SEARCH_CHANNELS.filter((c) => c === channel || (chosen.includes(c) && c !== 'notSearching'));
}

/** A score change as the pages write it: "+0,5", "−1,0", "0,0"; "–" when there is none. */
export function formatChange(change: number | null, format: (v: number) => string): string {
  if (change === null) return '–';
  const text = format(Math.abs(change));
  return change > 0.0005 ? `+${text}` : change < -0.0005 ? `−${text}` : text;
}

/** Today as `YYYY-MM-DD` in Copenhagen (the day a new measurement is made). */
export function todayInCopenhagen(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}
