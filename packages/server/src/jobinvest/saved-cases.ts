/**
 * Saved investment cases (case-schema.ts). A case is kept under its name in numbered versions:
 * saving a name again adds version max + 1 and never overwrites, so a result can always be traced
 * back to the document it was computed from. Each version records who saved it, when, and the data
 * version (last successful import) of the store at the time.
 */

import { parseCase, type InvestmentCaseDocument } from './case-schema.ts';
import { rows, type Store } from '../data/index.ts';

export interface SavedCase {
  readonly caseId: number;
  readonly name: string;
  readonly version: number;
  /** Local time, ISO 8601 without zone (as the import log). */
  readonly savedAt: string;
}

export interface CaseSummary extends SavedCase {
  /** How many versions of the name are stored. */
  readonly versions: number;
  readonly savedBy: string;
  readonly municipality: number;
  /** YYYYWW, as in the document. */
  readonly startWeek: string;
}

export interface CaseRecord extends SavedCase {
  readonly savedBy: string;
  readonly dataVersion: number | null;
  readonly document: InvestmentCaseDocument;
}

const SAVED_AT = "strftime(saved_at, '%Y-%m-%dT%H:%M:%S') AS saved_at";

/**
 * Save `doc` as the next version of its name, in one transaction. The document is parsed again
 * (parseCase) and stored normalised: defaults filled in, weeks as YYYYWW strings.
 */
export async function saveCase(
  store: Store,
  doc: InvestmentCaseDocument,
  savedBy: string,
  dataVersion: number | null,
): Promise<SavedCase> {
  const parsed = parseCase(doc);
  if (!parsed.ok) throw new Error(`not a valid investment case: ${parsed.problems.join('; ')}`);
  const document = parsed.value;
  return store.transaction(async (c) => {
    const [row] = await rows<{ case_id: number; version: number; saved_at: string }>(
      c,
      `INSERT INTO cases
       SELECT nextval('case_id_seq'), $1, coalesce((SELECT max(version) FROM cases WHERE name = $1), 0) + 1,
              $2, $3, current_timestamp, $4
       RETURNING case_id, version, ${SAVED_AT}`,
      [document.name, JSON.stringify(document), savedBy, dataVersion],
    );
    if (!row) throw new Error(`saving case ${document.name} returned no row`);
    return { caseId: row.case_id, name: document.name, version: row.version, savedAt: row.saved_at };
  });
}

/** The latest version of every saved name, by name. */
export async function listCases(store: Store): Promise<CaseSummary[]> {
  const found = await store.query<{
    case_id: number;
    name: string;
    version: number;
    versions: number;
    saved_by: string;
    saved_at: string;
    municipality: string;
    start_week: string;
  }>(
    `SELECT case_id, name, version, count(*) OVER (PARTITION BY name) AS versions, saved_by, ${SAVED_AT},
            json_extract_string(document, '$.municipality') AS municipality,
            json_extract_string(document, '$.startWeek') AS start_week
     FROM cases
     QUALIFY version = max(version) OVER (PARTITION BY name)
     ORDER BY name`,
  );
  return found.map((r) => ({
    caseId: r.case_id,
    name: r.name,
    version: r.version,
    versions: r.versions,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
    municipality: Number(r.municipality),
    startWeek: r.start_week,
  }));
}

/** One saved version with its document, or null when there is no case `caseId`. */
export async function getCase(store: Store, caseId: number): Promise<CaseRecord | null> {
  const [r] = await store.query<{
    case_id: number;
    name: string;
    version: number;
    document: string;
    saved_by: string;
    saved_at: string;
    data_version: number | null;
  }>(
    `SELECT case_id, name, version, document::VARCHAR AS document, saved_by, ${SAVED_AT}, data_version
     FROM cases WHERE case_id = $1`,
    [caseId],
  );
  if (!r) return null;
  return {
    caseId: r.case_id,
    name: r.name,
    version: r.version,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
    dataVersion: r.data_version,
    document: JSON.parse(r.document) as InvestmentCaseDocument,
  };
}
