/** The HTTP API, as the app reads it: JSON in and out, errors as `{ error }` turned into ApiError. */

import type { Language } from '@jobinvest/core';
import { wordsIn } from './words.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** The server's `details`: the field and the bound it broke, e.g. `{ field: 'participants', max: 51 }`. */
    readonly details: readonly Readonly<Record<string, unknown>>[] = [],
    /** The server's `code`: what kind of refusal it is (`no-peer-figures`), null when it gives none. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

let requestLanguage: Language = 'da';
let loggedOut: () => void = () => undefined;

/** What to do when the server says nobody is logged in (the session ended): show the login page. */
export function onLoggedOut(handler: () => void): void {
  loggedOut = handler;
}

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
  const path = response.url ? new URL(response.url).pathname : '';
  if (response.status === 401 && !path.startsWith('/api/session')) loggedOut();
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body
        ? String(body.error)
        : wordsIn(requestLanguage)('serverStatus', { status: response.status });
    const details =
      body && typeof body === 'object' && 'details' in body && Array.isArray(body.details)
        ? (body.details as Record<string, unknown>[])
        : [];
    const code = body && typeof body === 'object' && 'code' in body ? String(body.code) : null;
    throw new ApiError(message, response.status, details, code);
  }
  return body as T;
}

/**
 * GET `path`, or POST `body` as JSON when there is one (or `method` it), asking for answers in the
 * chosen language. The session cookie goes along by itself (same origin).
 */
export async function request(
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  method?: 'POST' | 'PUT' | 'DELETE',
): Promise<Response> {
  const headers = { 'accept-language': requestLanguage };
  return fetch(
    path,
    body === undefined && method === undefined
      ? { headers, signal: signal ?? null }
      : {
          method: method ?? 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
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

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(await request(path, body, undefined, 'PUT'));
}

export async function deleteJson<T>(path: string): Promise<T> {
  return answer<T>(await request(path, undefined, undefined, 'DELETE'));
}

// The shapes the app reads (the server's types, as JSON).

export type Role = 'admin' | 'analyst' | 'economist' | 'manager' | 'caseworker' | 'viewer';

/** Who is logged in (GET /api/session). */
export interface Session {
  username: string;
  role: Role;
  municipalities: number[];
  national: boolean;
  caseworker: string | null;
  permissions: string[];
}

/** What the login page offers (GET /api/session/demo). */
export interface LoginOffer {
  demo: boolean;
  demoUsers: { username: string; role: Role; password: string }[];
  oidc: boolean;
  noUsers: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  username: string;
  role: Role | null;
  action: string;
  resource: string;
  persons: string[];
}

export interface User {
  username: string;
  role: Role;
  municipalities: number[] | null;
  caseworker: string | null;
  disabled: boolean;
  demo: boolean;
  local: boolean;
}

/** How many figures a role with suppression did not get, and below how many persons. */
export interface Suppressed {
  threshold: number;
  withheld: number;
}

export interface Benefit {
  code: string;
  nameDa: string;
  nameEn: string;
  publicSupport: boolean;
  wageSubsidised: boolean;
  selfSupport: boolean;
  /** The last week (YYYYWW) the group existed; null while in force (absent from an older server). */
  validTo?: number | null;
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
  /** null: withheld (fewer persons than the threshold, for a role with suppression). */
  persons: Record<string, (number | null)[]>;
  years: {
    year: number;
    weeks: number;
    fullTime: Record<string, number | null>;
    inflow: Record<string, number | null>;
    outflow: Record<string, number | null>;
  }[];
  /** Present when small numbers were withheld from the caller's role. */
  suppressed?: Suppressed;
}

export type Interval = [number, number] | null;

export interface ForecastRow {
  year: number;
  weeks: number;
  state: string;
  /** The rate table's year whose rate priced the group in the year; null: not priced, or the municipality's own cost. */
  rateYear: number | null;
  /** null: the group is withheld (its stock rests on fewer persons than the threshold). */
  fullTimePersons: number | null;
  gross: number | null;
  stateRefusion: number | null;
  cofinancing: number | null;
  municipalNet: number | null;
  municipalNetByStep: (number | null)[];
  fullTimePersonsInterval80: Interval;
  fullTimePersonsInterval95: Interval;
  municipalNetInterval80: Interval;
  municipalNetInterval95: Interval;
}

/** A year's sums over every group; null when they would give withheld groups away. */
export type ForecastTotal = Pick<
  ForecastRow,
  | 'year'
  | 'fullTimePersons'
  | 'gross'
  | 'stateRefusion'
  | 'cofinancing'
  | 'municipalNet'
  | 'municipalNetByStep'
>;

export interface Forecast {
  municipality: number;
  stockWeek: number;
  horizonWeeks: number;
  dataVersion: number;
  ratesVersion: string;
  /** null: withheld with groups it would give away. */
  stockPersons: number | null;
  /** null: the group is withheld. */
  stockByState: Record<string, number | null>;
  inflowPerWeek: number;
  years: ForecastRow[];
  totals: ForecastTotal[];
  /** Replications of the bands, done or under way; 0 when none were asked for. */
  replications: number;
  /** The figures: the expected values of the projection chain, or the mean of the replications. */
  engine: 'expected' | 'microsimulation';
  /** ready: mean and bands of the replications; pending: expected values, the bands are being computed. */
  bands: 'ready' | 'pending' | 'failed' | 'none';
  bandsError?: string;
  assumptions: string[];
  /** Lines for the top of the page: the rates it rests on, when regulated forward or carried. */
  notices: string[];
  suppressed?: Suppressed;
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
  /** Lines for the top of the result: the rates it rests on, when regulated forward or carried. */
  notices: string[];
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
    /** Exactly one of hazardRatio and extraPointsInWork. */
    hazardRatio?: number;
    extraPointsInWork?: { points: number; afterMonths: number };
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
