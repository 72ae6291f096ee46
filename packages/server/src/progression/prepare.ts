/**
 * The progression pages' slow first answers made before anyone asks (http/prepare.ts, after a start
 * and after each import): the outcome models of every municipality with final measurements, the
 * largest first. They are kept per state of the measurements (outcomes.ts), so a visit reads them.
 * Quality and groups take a second or less and are made when asked.
 */

import { DataError, type Store } from '../data/index.ts';
import { outcomeAnalysis } from './outcomes.ts';

/** Fit the outcome models of `municipalities` (in that order) that have final measurements. */
export async function prepareProgression(
  store: Store,
  municipalities: readonly number[],
  signal: AbortSignal,
): Promise<number> {
  const measured = new Set(
    (
      await store.query<{ municipality: number }>(
        `SELECT DISTINCT municipality FROM measurements WHERE status = 'final'`,
      )
    ).map((r) => Number(r.municipality)),
  );
  let prepared = 0;
  for (const municipality of municipalities) {
    if (!measured.has(municipality)) continue;
    signal.throwIfAborted();
    try {
      // Behind a person's requests: the worker kept free for them stays free.
      await outcomeAnalysis(store, municipality, 'background');
      prepared++;
    } catch (error) {
      // Too few measurements or events to fit: the page says why when asked.
      if (!(error instanceof DataError)) throw error;
    }
  }
  return prepared;
}
