/**
 * The answers Prognose and Modelkontrol open with, made before anyone asks: after the server starts
 * and after each import (http/serve.ts), for every municipality, the largest first. Each is made
 * through the same shared cache a request reads (forecast.ts, diagnostics.ts, backtest.ts), so that
 * a visit finds it ready, and one that comes while it is being made waits for it rather than
 * starting another. The quick answers come first, municipality by municipality (the expected
 * forecast, the model check, the backtest), the replications of the forecasts' bands last.
 */

import { fromYyyyww, toYyyyww, type RateTable } from '@jobinvest/core';
import { DataError, dataWindow, type Store } from '../data/index.ts';
import { backtestFor } from './backtest.ts';
import { diagnosticsFor } from './diagnostics.ts';
import { forecastJob, PAGE_FORECAST_WEEKS, stopOutdatedForecasts, type ForecastJob } from './forecast.ts';
import { modelFor } from './models.ts';

/** The backtest the Modelkontrol page asks for: from two years before the data's end, over those two years. */
export const PAGE_BACKTEST_WEEKS = 104;

/** The week the Modelkontrol page backtests from (YYYYWW), for data ending in week index `last`. */
export function pageBacktestWeek(last: number): number {
  return toYyyyww(last - PAGE_BACKTEST_WEEKS);
}

/**
 * The steps of a background preparation (this one, the budget's): each waits for its work, or ends
 * at once when `signal` aborts (new data came; the work itself is shared, and goes on for whoever
 * asked for it). A step the data cannot answer (a municipality too new for a backtest, say) is left
 * for its page to explain and the others go on; `steps` counts those done.
 */
export function preparationSteps(signal: AbortSignal): {
  readonly step: (work: () => Promise<unknown>) => Promise<void>;
  readonly steps: () => number;
} {
  let done = 0;
  const stopped = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  );
  stopped.catch(() => {});
  return {
    step: async (work) => {
      signal.throwIfAborted();
      try {
        await Promise.race([work(), stopped]);
        done++;
      } catch (error) {
        if (signal.aborted || !(error instanceof DataError)) throw error;
      }
    },
    steps: () => done,
  };
}

/**
 * Make the pages' answers for `municipalities`, each step after the one before; stops between steps
 * when `signal` aborts (new data came). `onFirst` hears when the first municipality's quick answers
 * are made. Answers what it made, for the log.
 */
export async function prepareJobinvest(
  store: Store,
  rates: RateTable,
  municipalities: readonly number[],
  signal: AbortSignal,
  onFirst: () => void = () => {},
): Promise<{ readonly steps: number }> {
  const { step, steps } = preparationSteps(signal);
  const entry = await modelFor(store);
  stopOutdatedForecasts(store, entry.dataVersion);
  const jobs: ForecastJob[] = [];
  const { last } = await dataWindow(store);
  const at = fromYyyyww(pageBacktestWeek(last));
  for (const [i, municipality] of municipalities.entries()) {
    await step(async () => {
      const job = await forecastJob(store, { municipality, horizon: PAGE_FORECAST_WEEKS, rates });
      jobs.push(job);
      await job.expected;
    });
    await step(() => diagnosticsFor(store, municipality));
    await step(() => backtestFor(store, { municipality, at, horizon: PAGE_BACKTEST_WEEKS }));
    if (i === 0) onFirst();
  }
  for (const job of jobs) if (job.banded) await step(() => job.banded!.promise);
  return { steps: steps() };
}
