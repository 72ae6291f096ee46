/** The HTTP API, as the app reads it: JSON in and out, errors as `{ error }` turned into ApiError. */

import type { Language } from '@jobinvest/core';
import { wordsIn } from './words.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let requestLanguage: Language = 'da';

/** The language the server is to write its texts in (assumptions, messages); set by LanguageProvider. */
export function setRequestLanguage(language: Language): void {
  requestLanguage = language;
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(
      wordsIn(requestLanguage)('serverNotJson', { status: response.status }),
      response.status,
    );
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body
        ? String(body.error)
        : wordsIn(requestLanguage)('serverStatus', { status: response.status });
    throw new ApiError(message, response.status);
  }
  return body as T;
}

/** GET `path`, or POST `body` as JSON when there is one, asking for answers in the chosen language. */
export async function request(path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const headers = { 'accept-language': requestLanguage };
  return fetch(
    path,
    body === undefined
      ? { headers, signal: signal ?? null }
      : {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: signal ?? null,
        },
  ).catch((error: unknown) => {
    // No answer at all (the server stopped, the network went): say so rather than "Failed to fetch".
    if (signal?.aborted) throw error;
    throw new ApiError(wordsIn(requestLanguage)('serverSilent'), 0);
  });
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return answer<T>(await request(path, undefined, signal));
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return answer<T>(await request(path, body, signal));
}

// The shapes the app reads (the server's types, as JSON).

export interface Benefit {
  code: string;
  nameDa: string;
  nameEn: string;
  publicSupport: boolean;
  wageSubsidised: boolean;
  selfSupport: boolean;
}

export interface DataSummary {
  window: { first: number; last: number } | null;
  municipalities: { code: number; name: string | null; persons: number }[];
  persons: number;
  lastImports: { finished: string; file: string; kind: string; outcome: string }[];
}

export interface Overview {
  municipality: { code: number; name: string | null };
  window: { first: number; last: number };
  lastImport: { finished: string; file: string; kind: string } | null;
  weeks: number[];
  persons: Record<string, number[]>;
  years: {
    year: number;
    weeks: number;
    fullTime: Record<string, number>;
    inflow: Record<string, number>;
    outflow: Record<string, number>;
  }[];
}

export type Interval = [number, number] | null;

export interface ForecastRow {
  year: number;
  weeks: number;
  state: string;
  fullTimePersons: number;
  gross: number;
  stateRefusion: number;
  cofinancing: number;
  municipalNet: number;
  municipalNetByStep: number[];
  fullTimePersonsInterval80: Interval;
  fullTimePersonsInterval95: Interval;
  municipalNetInterval80: Interval;
  municipalNetInterval95: Interval;
}

export interface Forecast {
  municipality: number;
  stockWeek: number;
  horizonWeeks: number;
  dataVersion: number;
  ratesVersion: string;
  stockPersons: number;
  inflowPerWeek: number;
  years: ForecastRow[];
  replications: number;
  engine: 'expected' | 'microsimulation';
  assumptions: string[];
}

export interface InvestmentYear {
  year: number;
  weeks: number;
  without: number;
  with: number;
  difference: number;
  interventionCost: number;
  fullTimePersonsMoved: number;
  differenceInterval80: Interval;
  differenceInterval95: Interval;
}

export interface CaseResult {
  name: string;
  municipality: number;
  npv: number;
  paybackWeek: number | null;
  discountedPaybackWeek: number | null;
  breakEvenEffect: number | null;
  probabilityOfPayback: number | null;
  npvInterval80: Interval;
  npvInterval95: Interval;
  replications: number;
  years: InvestmentYear[];
  cumulativeNet: number[];
  fullTimePersonsMoved: number;
  staircase: { step: number; without: number; with: number }[];
  startWeek: number;
  stockWeek: number;
  targetGroupSize: number;
  hazardRatio: number;
  dataVersion: number;
  ratesVersion: string;
  assumptions: string[];
}

export interface SavedCaseSummary {
  caseId: number;
  name: string;
  version: number;
  versions: number;
  savedAt: string;
  savedBy: string;
  municipality: number;
  startWeek: string;
}

export interface SavedCase {
  caseId: number;
  name: string;
  version: number;
  savedAt: string;
  savedBy: string;
  dataVersion: number | null;
  document: CaseDocument;
}

/** The investment case document (the server's case-schema.ts), as the calculator builds it. */
export interface CaseDocument {
  name: string;
  municipality: string;
  target: { benefit?: string; minWeeks?: number; maxWeeks?: number; minAge?: number; maxAge?: number };
  participants: number;
  startWeek: string;
  cost: { perParticipant?: number; perWeek?: number; weeks?: number };
  effect: {
    hazardRatio?: number;
    to?: string[];
    lockIn?: { weeks: number; hazardRatio: number };
    phaseInWeeks?: number;
    halfLifeWeeks?: number | null;
    relapseHazardRatio?: number;
  };
  horizonWeeks: number;
  discountRate: number;
  replications?: number;
}

export interface PlanVsActual {
  stockWeek: number;
  lastWeek: number;
  targetGroupSize: number;
  years: {
    year: number;
    weeks: number;
    predictedWithout: number;
    predictedWith: number;
    realised: number;
    predictedGross: number;
    realisedGross: number;
  }[];
}
