/**
 * The duration model over the store: estimated from the count cells once per data version (the last
 * successful import) and estimation cut-off, in a worker, saved in the `models` table and read back
 * on the next start. Each model is shared with the worker pool under its key, and its entry keeps
 * what cases computed from it reuse between requests: target groups, and the projections and
 * replications of case-work.ts.
 */

import { closedToNewWeeks, MODEL_VERSION, type StockPerson, type TransitionModel } from '@jobinvest/core';
import { DataError, dataVersion, Recent, transitionCells, type Store } from '../data/index.ts';
import { registerTaskError, workPool } from '../workers/index.ts';

import { CaseWork } from './case-work.ts';
import { jobinvestTasks } from './tasks.ts';

export interface ModelEntry {
  readonly model: TransitionModel;
  /** The key the model is shared with the workers under (the tasks' `model`). */
  readonly key: string;
  readonly dataVersion: number;
  readonly estimatedInMs: number;
  readonly cells: number;
  /** What cases computed from this model keep between requests: target groups, and their work. */
  readonly groups: Recent<Promise<StockPerson[]>>;
  readonly work: CaseWork;
}

const models = new Map<string, Promise<ModelEntry>>();

// A task that finds the data cannot answer says so as it would on this thread.
registerTaskError(DataError);

/**
 * An entry for `model`, shared with the workers. Its projections close each group to new cases from
 * the week of its closure (benefit-rules.ts, every rule past or future), wherever the data end.
 */
function entryOf(
  key: string,
  estimated: TransitionModel,
  facts: { dataVersion: number; estimatedInMs: number; cells: number },
): ModelEntry {
  const model: TransitionModel = { ...estimated, closedFrom: closedToNewWeeks() };
  const pool = workPool();
  pool.share(key, model);
  return {
    model,
    key,
    ...facts,
    groups: new Recent(32),
    work: new CaseWork(pool, key),
  };
}

/**
 * The model estimated on the data before week `until` (all data if absent): from memory, else from
 * the `models` table, else estimated in a worker and saved there, so that it is estimated once per
 * data version.
 */
export async function modelFor(store: Store, until?: number): Promise<ModelEntry> {
  const version = await dataVersion(store);
  const key = `${store.path}|${version}|${until ?? ''}`;
  let entry = models.get(key);
  if (!entry) {
    entry = (async () => {
      const cut = until ?? -1;
      const cellsOf = () => transitionCells(store, until === undefined ? {} : { until });
      const [saved] = await store.query<{ model: string; cells: number; estimated_ms: number }>(
        'SELECT CAST(model AS VARCHAR) AS model, cells, estimated_ms FROM models WHERE data_version = $1 AND until_week = $2',
        [version, cut],
      );
      const savedModel = saved ? (JSON.parse(saved.model) as TransitionModel) : null;
      if (saved && savedModel?.version === MODEL_VERSION)
        return entryOf(key, savedModel, {
          dataVersion: version,
          estimatedInMs: saved.estimated_ms,
          cells: Number(saved.cells),
        });
      const started = performance.now();
      const cells = await cellsOf();
      // A backtest's model (estimated on the data before a week) is background work: a case's work
      // goes first (pool.ts).
      const model = await workPool().run(
        jobinvestTasks,
        'jobinvest.estimate',
        { cells, until: until ?? null },
        until === undefined ? {} : { priority: 'background' },
      );
      const estimatedInMs = performance.now() - started;
      await store.transaction(async (c) => {
        await c.run('DELETE FROM models WHERE data_version = $1 AND until_week = $2', [version, cut]);
        await c.run('INSERT INTO models VALUES ($1, $2, $3, $4, $5, now())', [
          version,
          cut,
          JSON.stringify(model),
          cells.length,
          estimatedInMs,
        ]);
      });
      return entryOf(key, model, { dataVersion: version, estimatedInMs, cells: cells.length });
    })();
    models.set(key, entry);
    entry.catch(() => models.delete(key));
  }
  return entry;
}
