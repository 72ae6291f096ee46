/**
 * Questionnaire versions in the store: the built-in ones of core (`bip-1`) and those a municipality
 * adopted from a file, and which version a municipality uses on a day (the newest adoption on or
 * before that day; the built-in `bip-1` where it adopted none). A version's content never changes
 * once stored: adopting a version id again with other content is refused, so older measurements
 * keep the wording they were answered on.
 *
 * The built-in version is written to `questionnaires` the first time a store uses it (a measurement,
 * an adoption, an import), and read from core until then, so every store has it.
 */

import type { DuckDBConnection } from '@duckdb/node-api';
import { BUILT_IN_QUESTIONNAIRES, QUESTIONNAIRE_BIP_1, type Questionnaire } from '@jobinvest/core';
import { DataError, type Store } from '../data/index.ts';

/** The version a municipality uses before it adopts one. */
export const DEFAULT_QUESTIONNAIRE = QUESTIONNAIRE_BIP_1.version;

const builtIn = (version: string) => BUILT_IN_QUESTIONNAIRES.find((q) => q.version === version) ?? null;

/** Every questionnaire version the store knows, built-in ones first, then by version id. */
export async function listQuestionnaires(store: Store): Promise<Questionnaire[]> {
  const stored = await store.query<{ version: string; definition: string }>(
    'SELECT version, definition::VARCHAR AS definition FROM questionnaires ORDER BY version',
  );
  const own = stored
    .filter((r) => builtIn(r.version) === null)
    .map((r) => JSON.parse(r.definition) as Questionnaire);
  return [...BUILT_IN_QUESTIONNAIRES, ...own];
}

/** The questionnaire `version`, or null when the store does not know it. */
export async function questionnaireOf(store: Store, version: string): Promise<Questionnaire | null> {
  const known = builtIn(version);
  if (known) return known;
  const [row] = await store.query<{ definition: string }>(
    'SELECT definition::VARCHAR AS definition FROM questionnaires WHERE version = $1',
    [version],
  );
  return row ? (JSON.parse(row.definition) as Questionnaire) : null;
}

/** Write a built-in version into `questionnaires` if it is not there yet (inside a write transaction). */
export async function ensureStored(connection: DuckDBConnection, version: string): Promise<void> {
  const known = builtIn(version);
  if (!known) return;
  await connection.run(
    `INSERT INTO questionnaires
     SELECT $1, $2::JSON, 'jobinvest', current_timestamp::TIMESTAMP
     WHERE NOT EXISTS (SELECT 1 FROM questionnaires WHERE version = $1)`,
    [version, JSON.stringify(known)],
  );
}

/** The version each of `municipalities` uses on `day` (`YYYY-MM-DD`). */
export async function currentVersions(
  store: Store,
  municipalities: readonly number[],
  day: string,
): Promise<Record<number, string>> {
  const adopted = await store.query<{ municipality: number; version: string }>(
    `SELECT municipality, arg_max(version, (from_day, adopted_at)) AS version
     FROM questionnaire_adoptions WHERE from_day <= $1::DATE GROUP BY municipality`,
    [day],
  );
  const byMunicipality = new Map(adopted.map((r) => [r.municipality, r.version]));
  return Object.fromEntries(municipalities.map((m) => [m, byMunicipality.get(m) ?? DEFAULT_QUESTIONNAIRE]));
}

/** Every municipality the store knows (its register, measurements and adoptions), for a national user. */
export async function knownMunicipalities(store: Store): Promise<number[]> {
  const found = await store.query<{ municipality: number }>(
    `SELECT code AS municipality FROM municipalities
     UNION SELECT DISTINCT municipality FROM person_municipalities
     UNION SELECT DISTINCT municipality FROM measurements
     UNION SELECT DISTINCT municipality FROM questionnaire_adoptions
     ORDER BY 1`,
  );
  return found.map((r) => r.municipality);
}

export interface Adoption {
  readonly questionnaire: Questionnaire;
  readonly municipality: number;
  /** `YYYY-MM-DD`: the first day the municipality measures on it. */
  readonly fromDay: string;
  readonly adoptedBy: string;
}

/**
 * Store `questionnaire` (unless the store has it already, with the same content) and let the
 * municipality use it from `fromDay`. A version id the store holds with other content is refused:
 * a new wording is a new version.
 */
export async function adoptQuestionnaire(store: Store, adoption: Adoption): Promise<void> {
  const { questionnaire, municipality, fromDay, adoptedBy } = adoption;
  const known = await questionnaireOf(store, questionnaire.version);
  if (known && JSON.stringify(known) !== JSON.stringify(questionnaire))
    throw new DataError(
      `version: the store already has a questionnaire "${questionnaire.version}" with other content; give the new wording a new version id`,
    );
  await store.transaction(async (c) => {
    if (builtIn(questionnaire.version)) await ensureStored(c, questionnaire.version);
    else
      await c.run(
        `INSERT INTO questionnaires
         SELECT $1, $2::JSON, $3, current_timestamp::TIMESTAMP
         WHERE NOT EXISTS (SELECT 1 FROM questionnaires WHERE version = $1)`,
        [questionnaire.version, JSON.stringify(questionnaire), adoptedBy],
      );
    await c.run(
      `INSERT INTO questionnaire_adoptions VALUES ($1, $2, $3::DATE, $4, current_timestamp::TIMESTAMP)`,
      [municipality, questionnaire.version, fromDay, adoptedBy],
    );
  });
}

/** The adoptions of the store, newest first, for the list command. */
export async function listAdoptions(
  store: Store,
): Promise<{ municipality: number; version: string; fromDay: string; adoptedBy: string }[]> {
  return store.query(
    `SELECT municipality, version, strftime(from_day, '%Y-%m-%d') AS "fromDay", adopted_by AS "adoptedBy"
     FROM questionnaire_adoptions ORDER BY from_day DESC, adopted_at DESC`,
  );
}
