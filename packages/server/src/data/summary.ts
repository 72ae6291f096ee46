/** What the store holds, for `jobinvest status` and `GET /api/data/summary`. */

import { toYyyyww } from '@jobinvest/core';
import type { Store } from './db.ts';
import { DataError } from './errors.ts';
import { currentFacts } from './facts.ts';

export interface DataSummary {
  /** First and last week observed, as YYYYWW; null when nothing is imported. */
  readonly window: { readonly first: number; readonly last: number } | null;
  readonly municipalities: { code: number; name: string | null; persons: number }[];
  readonly persons: number;
  /** Person-weeks observed (inside the data window, ages 16-66) and of those with a benefit. */
  readonly personWeeks: { readonly observed: number; readonly withBenefit: number };
  readonly spells: {
    benefit: string;
    spells: number;
    running: number;
    leftTruncated: number;
    medianWeeks: number | null;
  }[];
  readonly codeMap: { readonly verified: number; readonly assumed: number };
  readonly lastImports: ImportLogEntry[];
}

export interface ImportLogEntry {
  readonly importId: number;
  readonly kind: string;
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly rejectedRows: number;
  readonly started: string;
  readonly finished: string;
  readonly outcome: string;
  readonly message: string | null;
}

export async function importLog(store: Store, limit = 50): Promise<ImportLogEntry[]> {
  const rows = await store.query<Record<string, unknown>>(
    `SELECT import_id, kind, file, sha256, rows, rejected_rows, strftime(started, '%Y-%m-%dT%H:%M:%S') AS started,
            strftime(finished, '%Y-%m-%dT%H:%M:%S') AS finished, outcome, message
     FROM imports ORDER BY import_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  return rows.map((r) => ({
    importId: r.import_id as number,
    kind: r.kind as string,
    file: r.file as string,
    sha256: r.sha256 as string,
    rows: r.rows as number,
    rejectedRows: r.rejected_rows as number,
    started: r.started as string,
    finished: r.finished as string,
    outcome: r.outcome as string,
    message: (r.message as string | null) ?? null,
  }));
}

/** True when the store has no successful import yet. */
export async function isEmpty(store: Store): Promise<boolean> {
  const [row] = await store.query<{ n: number }>("SELECT count(*) AS n FROM imports WHERE outcome = 'ok'");
  return (row?.n ?? 0) === 0;
}

/** The municipalities persons last lived in, the one with the most persons first. */
export async function municipalitiesBySize(store: Store): Promise<number[]> {
  const rows = await store.query<{ code: number }>(`
    SELECT code FROM (SELECT arg_max(municipality, from_week) AS code FROM person_municipalities GROUP BY person_id)
    GROUP BY code ORDER BY count(*) DESC, code`);
  return rows.map((r) => Number(r.code));
}

export async function dataSummary(store: Store): Promise<DataSummary> {
  await currentFacts(store);
  const hasFacts =
    (await store.query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'spells' AND NOT temporary"))
      .length > 0;
  const [window] = await store.query<{ first: number | null; last: number | null }>(
    'SELECT min(first_week) AS first, max(last_week) AS last FROM observation_windows',
  );
  const municipalities = await store.query<{ code: number; name: string | null; persons: number }>(`
    WITH latest AS (SELECT person_id, arg_max(municipality, from_week) AS code FROM person_municipalities GROUP BY person_id)
    SELECT l.code, m.name, count(*) AS persons FROM latest l LEFT JOIN municipalities m USING (code)
    GROUP BY l.code, m.name ORDER BY persons DESC, l.code`);
  const [persons] = await store.query<{ n: number }>('SELECT count(*) AS n FROM persons');
  const [weeks] = hasFacts
    ? await store.query<{ observed: number | null; with_benefit: number | null }>(
        "SELECT sum(weeks) AS observed, sum(weeks) FILTER (WHERE benefit NOT IN ('job', 'out')) AS with_benefit FROM spells",
      )
    : [];
  const spells = hasFacts
    ? await store.query<{
        benefit: string;
        spells: number;
        running: number;
        left_truncated: number;
        median_weeks: number | null;
      }>(`
        SELECT benefit, count(*) AS spells, count(*) FILTER (WHERE right_censored) AS running,
               count(*) FILTER (WHERE left_truncated) AS left_truncated,
               median(weeks) FILTER (WHERE NOT left_truncated AND NOT right_censored) AS median_weeks
        FROM spells GROUP BY benefit ORDER BY spells DESC`)
    : [];
  const [codes] = await store.query<{ verified: number; assumed: number }>(
    "SELECT count(*) FILTER (WHERE status = 'verified') AS verified, count(*) FILTER (WHERE status = 'assumed') AS assumed FROM code_map",
  );
  return {
    window:
      window?.first == null || window.last == null
        ? null
        : { first: toYyyyww(window.first), last: toYyyyww(window.last) },
    municipalities,
    persons: persons?.n ?? 0,
    personWeeks: { observed: weeks?.observed ?? 0, withBenefit: weeks?.with_benefit ?? 0 },
    spells: spells.map((s) => ({
      benefit: s.benefit,
      spells: s.spells,
      running: s.running,
      leftTruncated: s.left_truncated,
      medianWeeks: s.median_weeks,
    })),
    codeMap: { verified: codes?.verified ?? 0, assumed: codes?.assumed ?? 0 },
    lastImports: await importLog(store, 10),
  };
}

/** The last successful import: the data version results are computed from. */
export async function dataVersion(store: Store): Promise<number> {
  const [row] = await store.query<{ id: number | null }>(
    "SELECT max(import_id) AS id FROM imports WHERE outcome = 'ok'",
  );
  if (row?.id == null)
    throw new DataError('the store has no data: import register data first (jobinvest import)');
  return row.id;
}
