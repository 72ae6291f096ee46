/**
 * What a municipality's progression figures rest on: the store, its data version and the state of
 * the municipality's final measurements. The answers computed from them (the groups, the quality, the
 * outcome models) are kept under this key, so a new or changed final measurement, or an import,
 * computes them again, and nothing else does.
 */

import { dataVersion, type Store } from '../data/index.ts';

type Num = number | bigint;

/** The key, as JSON: `[store path, data version, municipality, finals, latest change, last id]`. */
export async function measurementsKey(store: Store, municipality: number): Promise<string> {
  const version = await dataVersion(store);
  const [state] = await store.query<{ n: Num; latest: string | null; last_id: number | null }>(
    `SELECT count(*) AS n, CAST(max(updated_at) AS VARCHAR) AS latest, max(measurement_id) AS last_id
     FROM measurements WHERE municipality = $1 AND status = 'final'`,
    [municipality],
  );
  return JSON.stringify([
    store.path,
    version,
    municipality,
    Number(state?.n ?? 0),
    state?.latest,
    state?.last_id,
  ]);
}
