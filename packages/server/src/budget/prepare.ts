/**
 * The budget pages' slow first answers made before anyone asks (http/prepare.ts, after a start and
 * after each import), for every municipality, the largest first:
 *
 * - the follow-up of the year of the data's last week (Budgetopfølgning's year): its budget is
 *   forecast as at the turn of the year, from the stock of the year before's last week
 *   (`budgetStockWeek`), a forecast no other page asks for. Reading that stock and projecting it
 *   is what made a first visit slow (on the demo, seconds on an idle machine, a minute while the
 *   pool was busy);
 * - the Grundbudget's default year (next year), whose forecast is the Prognose page's (the same job,
 *   made by jobinvest's preparation) unless the data end long before it.
 *
 * Each forecast is made through jobinvest's forecast jobs under the question a request asks
 * (`budgetForecast`), and the last year's activation and caseload through the history a request
 * reads (`keptBudgetHistory`), so that a visit finds them ready and one that comes while they are
 * being made waits for them rather than starting again. What is left to a request is the saved
 * version, the months (core, milliseconds) and the realised payments (one SQL statement). The
 * expected values come first, municipality by municipality; the bands last, in the background.
 */

import { yearWeekOf, type RateTable } from '@jobinvest/core';
import { dataWindow, type Store } from '../data/index.ts';
import { forecastJob, preparationSteps } from '../jobinvest/index.ts';
import { budgetForecast, defaultBudgetYear, keptBudgetHistory } from './budget.ts';

/**
 * Make the forecasts and histories of the follow-up's year and the default budget year for
 * `municipalities`, each step after the one before; stops between steps when `signal` aborts (new
 * data came). `today` gives the default budget year. Answers what it made, for the log.
 */
export async function prepareBudget(
  store: Store,
  rates: RateTable,
  municipalities: readonly number[],
  today: Date,
  signal: AbortSignal,
): Promise<{ readonly steps: number }> {
  // As jobinvest's preparation: a step the data cannot answer is left for the page to explain.
  const { step, steps } = preparationSteps(signal);
  const window = await dataWindow(store);
  const years = [...new Set([yearWeekOf(window.last).year, defaultBudgetYear(today)])];
  const bands: Promise<unknown>[] = [];
  for (const municipality of municipalities)
    for (const year of years)
      await step(async () => {
        // A year the data cannot budget (too far ahead, say) throws here, before any work.
        const { stockWeek, ...question } = budgetForecast(window, { municipality, year, rates });
        const job = await forecastJob(store, question);
        if (job.banded) bands.push(job.banded.promise);
        await Promise.all([job.expected, keptBudgetHistory(store, municipality, stockWeek)]);
      });
  // The same job twice (a year whose forecast is the page's) is waited for once.
  for (const banded of new Set(bands)) await step(() => banded);
  return { steps: steps() };
}
