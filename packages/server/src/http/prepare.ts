/**
 * A running server's preparation: the pages' first answers (every municipality's overview, forecast,
 * model check and backtest, the progression's outcome models, and the budget's forecasts for the
 * follow-up's year and the default budget year) made in the background after it starts and again
 * after each import, so that a first visit reads a ready answer (data/overview.ts,
 * jobinvest/prepare.ts, progression/prepare.ts, budget/prepare.ts). New data stop
 * the preparation of the old at its next step and start one of the new; what was made for the old
 * data version stays in the caches until newer answers push it out.
 */

import type { AppContext } from '../context.ts';
import {
  DataError,
  dataVersion,
  isEmpty,
  municipalitiesBySize,
  onDataChanged,
  overviewFor,
} from '../data/index.ts';
import { prepareBudget } from '../budget/index.ts';
import { prepareJobinvest } from '../jobinvest/index.ts';
import { prepareProgression } from '../progression/index.ts';

export interface PreparationReport {
  readonly dataVersion: number;
  readonly municipalities: number;
  readonly seconds: number;
}

export interface Preparation {
  /** The preparation of the current data version: its report, or `null` for an empty store or when new data stopped it. */
  readonly done: () => Promise<PreparationReport | null>;
  /**
   * When the largest municipality's pages have their first answers (its overview and quick
   * answers), or the preparation of the current data ended without them.
   */
  readonly firstReady: () => Promise<void>;
  readonly stop: () => void;
}

/** Prepare now and after every import into the context's store; `onDone` hears of each preparation finished. */
export function startPreparation(
  context: AppContext,
  onDone: (report: PreparationReport) => void = () => {},
): Preparation {
  let controller = new AbortController();
  let current: Promise<PreparationReport | null> = Promise.resolve(null);
  let first: Promise<void> = Promise.resolve();
  const start = () => {
    controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    let firstMade = () => {};
    first = new Promise<void>((resolve) => (firstMade = resolve));
    current = prepare(context, signal, firstMade).then(
      (report) => {
        if (report) onDone(report);
        return report;
      },
      (error: unknown) => {
        // New data, or a stopped server, ended it: nobody waits for it.
        if (signal.aborted) return null;
        throw error;
      },
    );
    // Its failure is the caches' to report, to the request that asks for the answer.
    current.catch(() => {}).finally(firstMade);
  };
  const unsubscribe = onDataChanged((store) => {
    if (store === context.store) start();
  });
  start();
  return {
    done: () => current,
    firstReady: () => first,
    stop: () => {
      unsubscribe();
      controller.abort();
    },
  };
}

async function prepare(
  context: AppContext,
  signal: AbortSignal,
  onFirst: () => void,
): Promise<PreparationReport | null> {
  const { store } = context;
  if (await isEmpty(store)) return null;
  const started = performance.now();
  const version = await dataVersion(store);
  const municipalities = await municipalitiesBySize(store);
  try {
    for (const municipality of municipalities) {
      signal.throwIfAborted();
      await overviewFor(store, municipality);
    }
    // The budget's once the largest municipality's pages have their first answers, so as not to hold
    // those up; the worker pool shares itself out between the three by the tasks' priorities.
    let firstMade = () => {};
    const first = new Promise<void>((resolve) => (firstMade = resolve));
    const today = new Date(context.now?.() ?? Date.now());
    await Promise.all([
      prepareJobinvest(store, context.rates, municipalities, signal, () => {
        onFirst();
        firstMade();
      }),
      prepareProgression(store, municipalities, signal),
      first.then(() => prepareBudget(store, context.rates, municipalities, today, signal)),
    ]);
  } catch (error) {
    // Data the pages cannot answer from (no transition model yet, say): the pages say why.
    if (!(error instanceof DataError)) throw error;
  }
  return {
    dataVersion: version,
    municipalities: municipalities.length,
    seconds: (performance.now() - started) / 1000,
  };
}
