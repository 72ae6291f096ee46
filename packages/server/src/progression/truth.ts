/**
 * The demo's known truth: on a store that holds only the demo's synthetic data (access's
 * isDemoStore), the true values of the generator's progression model, read from the truth.json it
 * wrote beside the demo's files, so that the outcome page can show the estimates beside what they
 * should recover. Anywhere else, or if the file is missing or not of the expected shape, nothing.
 */

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { INDICATORS, type DemoTruth } from '@jobinvest/core';
import { isDemoStore } from '../access/index.ts';
import { GENERATED_FILES, type Store } from '../data/index.ts';

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The progression truth of `json` (a parsed truth.json), or null when it has none of the expected shape. */
export function progressionTruthOf(json: unknown): DemoTruth | null {
  const p = (json as { progression?: Record<string, unknown> } | null)?.progression;
  if (!p || typeof p !== 'object') return null;
  const perPoint = p.hazardRatioPerPoint as Record<string, unknown> | undefined;
  const readiness = (p.interventionEffect as { meanTotal?: Record<string, unknown> } | undefined)?.meanTotal;
  const atMeasurement = p.meanReadinessAtMeasurement as Record<string, unknown> | undefined;
  const numbers = (r: Record<string, unknown> | undefined): r is Record<string, number> =>
    !!r && Object.values(r).every((v) => typeof v === 'number' && Number.isFinite(v));
  if (
    !perPoint ||
    !INDICATORS.every((k) => positive(perPoint[k])) ||
    !positive(p.caseworkerChangeHazardRatio) ||
    !positive(p.orientationHighVsLowHazardRatio) ||
    !numbers(readiness)
  )
    return null;
  return {
    modelVersion: typeof p.modelVersion === 'string' ? p.modelVersion : '',
    hazardRatioPerPoint: Object.fromEntries(INDICATORS.map((k) => [k, perPoint[k] as number])),
    caseworkerChangeHazardRatio: p.caseworkerChangeHazardRatio,
    orientationHighVsLowHazardRatio: p.orientationHighVsLowHazardRatio,
    interventionReadiness: readiness,
    ...(numbers(atMeasurement) ? { meanReadinessAtMeasurement: atMeasurement } : {}),
  };
}

/** The demo's progression truth, or null for a store that is not the demo's. */
export async function demoTruth(store: Store): Promise<DemoTruth | null> {
  if (!(await isDemoStore(store))) return null;
  try {
    const text = await readFile(join(dirname(store.path), 'demo', GENERATED_FILES.truth), 'utf8');
    return progressionTruthOf(JSON.parse(text));
  } catch {
    return null;
  }
}
