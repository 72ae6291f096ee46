/**
 * The citizens of the progression room and who may see them. A caseworker sees and records only the
 * citizens of their own caseload: those with a current assignment to them in
 * `caseworker_assignments` (one covering the data's last week, or lasting); a role with
 * `read:persons` (analyst, admin) sees every citizen of their municipalities; other roles see no
 * person. A citizen belongs to a municipality when the register places them there last
 * (`person_municipalities`) or a measurement of theirs was made there.
 *
 * A pseudonym the municipality does not have answers 404 whoever asks (pseudonyms are keyed hashes,
 * so this tells a caller nothing they could guess); one of another caseworker's citizens 403.
 */

import {
  copenhagenDateOf,
  dialogueGuide,
  finalsInOrder,
  indicatorChanges,
  may,
  meanScore,
  type CitizenProgress,
  type CitizenRow,
  type Measurement,
  type Principal,
} from '@jobinvest/core';
import { HTTPException } from 'hono/http-exception';
import type { Store } from '../data/index.ts';
import { AccessError, requireMunicipality } from '../http/principal.ts';
import { measurementsOf, planOf } from './measurements.ts';
import { currentVersions } from './questionnaires.ts';

/** At most this many citizens in a list (the caseload, or the measured citizens of a municipality). */
export const MAX_CITIZENS = 500;

/** The week the register data reach: "now" for caseworker assignments and benefits. */
export const DATA_WEEK_SQL = `(SELECT coalesce(max(last_week), (SELECT max(from_week) FROM caseworker_assignments), 0) FROM observation_windows)`;

/** SQL: the persons of municipality `$1` (by the register's last place, or a measurement there). */
const IN_MUNICIPALITY_SQL = `(
  SELECT person_id FROM person_municipalities GROUP BY person_id HAVING arg_max(municipality, from_week) = $1
  UNION SELECT person_id FROM measurements WHERE municipality = $1)`;

/** SQL: the persons with a current assignment to caseworker `$2`. */
const CASELOAD_SQL = `(
  SELECT person_id FROM caseworker_assignments, (SELECT ${DATA_WEEK_SQL} AS w) now
  WHERE caseworker = $2 AND from_week <= now.w AND coalesce(to_week, 2147483647) >= now.w)`;

export type Reach =
  { readonly kind: 'everyone' } | { readonly kind: 'caseload'; readonly caseworker: string };

/** How far `principal` sees persons in `municipality`; 403 for a role that sees none. */
export function reachOf(principal: Principal, municipality: number): Reach {
  requireMunicipality(principal, municipality);
  if (may(principal.role, 'read:persons')) return { kind: 'everyone' };
  if (may(principal.role, 'read:own-caseload') && principal.caseworker !== null)
    return { kind: 'caseload', caseworker: principal.caseworker };
  throw new AccessError(
    `the role ${principal.role} sees no person-level data (it needs read:persons, or read:own-caseload with a caseworker id)`,
    403,
  );
}

export interface Citizen {
  readonly personId: number;
  readonly pseudonym: string;
}

/** The citizen `pseudonym` of `municipality` as `reach` may see them: 404 unknown, 403 not theirs. */
export async function citizenIn(
  store: Store,
  municipality: number,
  pseudonym: string,
  reach: Reach,
): Promise<Citizen> {
  const [found] = await store.query<{ personId: number; own: boolean }>(
    `SELECT p.person_id AS "personId", p.person_id IN ${CASELOAD_SQL} AS own
     FROM persons p WHERE p.pseudonym = $3 AND p.person_id IN ${IN_MUNICIPALITY_SQL} LIMIT 1`,
    [municipality, reach.kind === 'caseload' ? reach.caseworker : '', pseudonym],
  );
  if (!found)
    throw new HTTPException(404, {
      message: `no citizen with that pseudonym in municipality ${String(municipality).padStart(3, '0')}`,
    });
  if (reach.kind === 'caseload' && !found.own)
    throw new AccessError(
      `a caseworker sees and records only the citizens assigned to them (caseworker ${reach.caseworker})`,
      403,
    );
  return { personId: found.personId, pseudonym };
}

interface BaseRow {
  personId: number;
  person: string;
  birthYear: number | null;
  sex: string | null;
  benefit: string | null;
  caseworker: string | null;
}

async function baseRows(
  store: Store,
  municipality: number,
  reach: Reach,
  only: number | null,
): Promise<BaseRow[]> {
  const [who, param]: [string, (string | number)[]] =
    only !== null
      ? ['p.person_id = $2', [only]]
      : reach.kind === 'caseload'
        ? [`p.person_id IN ${CASELOAD_SQL}`, [reach.caseworker]]
        : ['p.person_id IN (SELECT person_id FROM measurements WHERE municipality = $1)', []];
  return store.query<BaseRow & Record<string, unknown>>(
    `WITH now AS (SELECT ${DATA_WEEK_SQL} AS w),
     chosen AS (
       SELECT p.person_id, p.pseudonym, p.birth_year, p.sex FROM persons p
       WHERE p.person_id IN ${IN_MUNICIPALITY_SQL} AND ${who}
       ORDER BY p.pseudonym LIMIT ${MAX_CITIZENS})
     SELECT c.person_id AS "personId", c.pseudonym AS person, c.birth_year AS "birthYear", c.sex,
       arg_max(b.benefit, b.first_week) AS benefit, arg_max(a.caseworker, a.from_week) AS caseworker
     FROM chosen c CROSS JOIN now
     LEFT JOIN benefit_runs b ON b.person_id = c.person_id AND b.first_week <= now.w AND b.last_week >= now.w
     LEFT JOIN caseworker_assignments a ON a.person_id = c.person_id AND a.from_week <= now.w
       AND coalesce(a.to_week, 2147483647) >= now.w
     GROUP BY ALL ORDER BY person`,
    [municipality, ...param],
  );
}

/** What a citizen's row says about their measurements. */
interface RowFigures {
  readonly measurements: number;
  readonly lastMeasured: string | null;
  readonly hasDraft: boolean;
  /** Mean of the caseworker's scores in the latest final measurement, and in the one before it. */
  readonly latestMean: number | null;
  readonly beforeMean: number | null;
}

/** The figures of a row from a citizen's measurements, oldest first. */
function figuresOf(measurements: readonly Measurement[]): RowFigures {
  const finals = finalsInOrder(measurements);
  const latest = finals.at(-1);
  const before = finals.at(-2);
  return {
    measurements: measurements.length,
    lastMeasured: measurements.at(-1)?.date ?? null,
    hasDraft: measurements.some((m) => m.status === 'draft'),
    latestMean: latest ? meanScore(latest.caseworkerAnswers) : null,
    beforeMean: before ? meanScore(before.caseworkerAnswers) : null,
  };
}

/**
 * The same figures counted in SQL for a list of persons (as figuresOf: finals ordered by day, then
 * id; the mean over the scores given), so that a list does not read every answer of its persons.
 */
async function listFigures(
  store: Store,
  municipality: number,
  personIds: readonly number[],
): Promise<Map<number, RowFigures>> {
  if (personIds.length === 0) return new Map();
  const found = await store.query<{
    personId: number;
    n: number;
    last: string;
    draft: boolean;
    latest: number | null;
    before: number | null;
  }>(
    `WITH ms AS (
       SELECT person_id, measurement_id, measured_on, status FROM measurements
       WHERE municipality = $1 AND person_id IN (SELECT unnest(from_json($2, '["INTEGER"]')))),
     fin AS (
       SELECT person_id, measurement_id,
              row_number() OVER (PARTITION BY person_id ORDER BY measured_on DESC, measurement_id DESC) AS k
       FROM ms WHERE status = 'final'),
     means AS (
       SELECT f.person_id, f.k, avg(a.score) AS mean FROM fin f
       LEFT JOIN measurement_answers a ON a.measurement_id = f.measurement_id AND a.respondent = 'caseworker'
         AND a.score IS NOT NULL AND a.item NOT LIKE 'channel:%'
       WHERE f.k <= 2 GROUP BY ALL),
     agg AS (
       SELECT person_id, count(*) AS n, strftime(max(measured_on), '%Y-%m-%d') AS last,
              bool_or(status = 'draft') AS draft
       FROM ms GROUP BY person_id)
     SELECT agg.person_id AS "personId", agg.n, agg.last, agg.draft, m1.mean AS latest, m2.mean AS before
     FROM agg LEFT JOIN means m1 ON m1.person_id = agg.person_id AND m1.k = 1
     LEFT JOIN means m2 ON m2.person_id = agg.person_id AND m2.k = 2`,
    [municipality, JSON.stringify(personIds)],
  );
  return new Map(
    found.map((r) => [
      r.personId,
      {
        measurements: r.n,
        lastMeasured: r.last,
        hasDraft: r.draft,
        latestMean: r.latest,
        beforeMean: r.before,
      },
    ]),
  );
}

const NOT_MEASURED: RowFigures = {
  measurements: 0,
  lastMeasured: null,
  hasDraft: false,
  latestMean: null,
  beforeMean: null,
};

/** A citizen's row from their base, the figures of their measurements and their next follow-up. */
function rowOf(base: BaseRow, figures: RowFigures, nextFollowUp: string | null): CitizenRow {
  const { latestMean, beforeMean } = figures;
  return {
    person: base.person,
    birthYear: base.birthYear,
    sex: base.sex,
    benefit: base.benefit,
    caseworker: base.caseworker,
    measurements: figures.measurements,
    lastMeasured: figures.lastMeasured,
    latestMean,
    change: latestMean !== null && beforeMean !== null ? latestMean - beforeMean : null,
    nextFollowUp,
    hasDraft: figures.hasDraft,
  };
}

/** The earliest follow-up day of each person's latest measurement that has a plan. */
async function nextFollowUps(
  store: Store,
  municipality: number,
  personIds: readonly number[],
): Promise<Map<number, string | null>> {
  if (personIds.length === 0) return new Map();
  const found = await store.query<{ personId: number; next: string | null }>(
    `WITH planned AS (
       SELECT m.person_id, arg_max(m.measurement_id, (m.measured_on, m.measurement_id)) AS id
       FROM measurements m WHERE m.municipality = $1
         AND m.person_id IN (SELECT unnest(from_json($2, '["INTEGER"]')))
         AND EXISTS (SELECT 1 FROM action_plans a WHERE a.measurement_id = m.measurement_id)
       GROUP BY m.person_id)
     SELECT p.person_id AS "personId", strftime(min(a.follow_up), '%Y-%m-%d') AS next
     FROM planned p JOIN action_plans a ON a.measurement_id = p.id GROUP BY p.person_id`,
    [municipality, JSON.stringify(personIds)],
  );
  return new Map(found.map((r) => [r.personId, r.next]));
}

/**
 * The citizens `reach` sees in `municipality`: a caseworker's current caseload, or for person-level
 * roles everyone measured there; at most MAX_CITIZENS, sorted by next follow-up (none last), then
 * by last measured (oldest first, so who waits longest comes first), then by pseudonym.
 */
export async function citizenRows(store: Store, municipality: number, reach: Reach): Promise<CitizenRow[]> {
  const bases = await baseRows(store, municipality, reach, null);
  const ids = bases.map((b) => b.personId);
  const figures = await listFigures(store, municipality, ids);
  const follow = await nextFollowUps(store, municipality, ids);
  const list = bases.map((b) =>
    rowOf(b, figures.get(b.personId) ?? NOT_MEASURED, follow.get(b.personId) ?? null),
  );
  const key = (x: string | null) => x ?? '9999-99-99';
  return list.sort(
    (a, b) =>
      key(a.nextFollowUp).localeCompare(key(b.nextFollowUp)) ||
      key(a.lastMeasured).localeCompare(key(b.lastMeasured)) ||
      a.person.localeCompare(b.person),
  );
}

/** One citizen's measurements, changes, dialogue guide, latest plan and the questionnaire in use today. */
export async function citizenProgress(
  store: Store,
  municipality: number,
  citizen: Citizen,
  reach: Reach,
  nowMs: number,
): Promise<CitizenProgress> {
  const [base] = await baseRows(store, municipality, reach, citizen.personId);
  const measurements = (await measurementsOf(store, [citizen.personId], municipality, nowMs)).map(
    ({ personId: _, ...m }) => m,
  );
  let plan: CitizenProgress['plan'] = null;
  for (const m of [...measurements].reverse()) {
    const items = await planOf(store, m.id);
    if (items.length > 0) {
      plan = { measurementId: m.id, items };
      break;
    }
  }
  const next =
    plan?.items
      .map((i) => i.followUp)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  const today = copenhagenDateOf(new Date(nowMs));
  const versions = await currentVersions(store, [municipality], today);
  return {
    person: citizen.pseudonym,
    municipality,
    row: rowOf(
      base ?? {
        personId: citizen.personId,
        person: citizen.pseudonym,
        birthYear: null,
        sex: null,
        benefit: null,
        caseworker: null,
      },
      figuresOf(measurements),
      next,
    ),
    measurements,
    changes: indicatorChanges(measurements),
    dialogue: dialogueGuide(measurements),
    plan,
    questionnaire: versions[municipality]!,
  };
}
