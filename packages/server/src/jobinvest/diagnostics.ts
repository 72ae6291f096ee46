/**
 * Modelkontrol per municipality (`GET /api/model/diagnostics?municipality=`): for each benefit
 * group, the Kaplan-Meier curve of the municipality's own spells against the model's survival for
 * the municipality's own person-weeks (core's ownDiagnostics). Made for every municipality in one
 * pass over the store's cells when first asked for (or by the preparation after a start or an
 * import), in the worker pool, and kept per store and data version.
 */

import type { OwnDiagnostic } from '@jobinvest/core';
import { Recent, spellDurations, transitionCells, type Store } from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import { modelFor } from './models.ts';
import { jobinvestTasks } from './tasks.ts';

export interface MunicipalityDiagnostics {
  readonly municipality: number;
  readonly dataVersion: number;
  readonly modelVersion: string;
  /** One per benefit group with a spell that started while its person lived in the municipality. */
  readonly states: readonly OwnDiagnostic[];
}

const byVersion = new Recent<Promise<Map<number, OwnDiagnostic[]>>>(4);

/** Every municipality's own diagnostics under the store's current model. */
function allDiagnostics(store: Store) {
  return modelFor(store).then((entry) =>
    byVersion.get(`${store.path}|${entry.dataVersion}`, async () => {
      const [cells, durations] = await Promise.all([transitionCells(store), spellDurations(store)]);
      const municipalities = [...new Set(durations.map((d) => d.municipality))];
      const pool = workPool();
      const out = await Promise.all(
        municipalities.map(
          async (m) =>
            [
              m,
              await pool.run(jobinvestTasks, 'jobinvest.ownDiagnostics', {
                model: entry.key,
                cells: cells.filter((c) => c.municipality === m),
                durations: durations.filter((d) => d.municipality === m),
              }),
            ] as const,
        ),
      );
      return new Map(out);
    }),
  );
}

export async function diagnosticsFor(store: Store, municipality: number): Promise<MunicipalityDiagnostics> {
  const entry = await modelFor(store);
  const all = await allDiagnostics(store);
  return {
    municipality,
    dataVersion: entry.dataVersion,
    modelVersion: entry.model.version,
    states: all.get(municipality) ?? [],
  };
}
