/**
 * Measurements in the store: reading a citizen's measurements with their answers and links, saving a
 * measurement from the caseworker's screen (a draft, saved again until it is final), and the action
 * plan kept with a measurement.
 *
 * A draft may leave items out. A final measurement has an answer for every item of both parts of its
 * questionnaire: a score 1-5, or null for an item deliberately left unanswered (the citizen would
 * not say, the caseworker cannot judge). A final measurement is not changed afterwards (409): the
 * change since last time would otherwise move under the reader's feet; a correction is a new
 * measurement. Channels are stored as `channel:<name>` items of the citizen, 1 for a chosen channel
 * and 0 for the others once any is chosen.
 */

import type { DuckDBConnection } from '@duckdb/node-api';
import {
  SEARCH_CHANNELS,
  channelItem,
  itemsOf,
  weekIndexOfDate,
  type ActionPlanItem,
  type Answers,
  type Indicator,
  type Measurement,
  type MeasurementInput,
  type MeasurementSource,
  type MeasurementStatus,
  type Questionnaire,
  type Respondent,
  type SearchChannel,
} from '@jobinvest/core';
import { DataError, rows, type Store } from '../data/index.ts';
import { AccessError } from '../http/principal.ts';
import { ensureStored, questionnaireOf } from './questionnaires.ts';

interface MeasurementRow extends Record<string, unknown> {
  id: number;
  person_id: number;
  municipality: number;
  questionnaire: string;
  date: string;
  caseworker: string | null;
  status: MeasurementStatus;
  source: MeasurementSource;
  recorded_by: string;
  updated_at: string;
  link_expires_ms: number | null;
  link_used: boolean | null;
}

const MEASUREMENT_COLUMNS = `
  m.measurement_id AS id, m.person_id, m.municipality, m.questionnaire,
  strftime(m.measured_on, '%Y-%m-%d') AS date, m.caseworker, m.status, m.source, m.recorded_by,
  strftime(m.updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at,
  epoch_ms(l.expires_at) AS link_expires_ms, l.used AS link_used`;

/** The latest link of each measurement that has one. */
const LATEST_LINKS = `(SELECT measurement_id, arg_max(expires_at, created_at) AS expires_at,
  arg_max(used_at IS NOT NULL, created_at) AS used FROM citizen_links GROUP BY measurement_id) l
  ON l.measurement_id = m.measurement_id`;

/** The measurements of `personIds` in `municipality` (oldest first), with answers; `nowMs` says which links are open. */
export async function measurementsOf(
  store: Store,
  personIds: readonly number[],
  municipality: number,
  nowMs: number,
): Promise<(Measurement & { personId: number })[]> {
  if (personIds.length === 0) return [];
  const ids = JSON.stringify(personIds);
  const found = await store.query<MeasurementRow>(
    `SELECT ${MEASUREMENT_COLUMNS} FROM measurements m LEFT JOIN ${LATEST_LINKS}
     WHERE m.municipality = $1 AND m.person_id IN (SELECT unnest(from_json($2, '["INTEGER"]')))
     ORDER BY m.measured_on, m.measurement_id`,
    [municipality, ids],
  );
  const answers = await store.query<{
    id: number;
    respondent: Respondent;
    item: string;
    score: number | null;
  }>(
    `SELECT a.measurement_id AS id, a.respondent, a.item, a.score FROM measurement_answers a
     JOIN measurements m USING (measurement_id)
     WHERE m.municipality = $1 AND m.person_id IN (SELECT unnest(from_json($2, '["INTEGER"]')))`,
    [municipality, ids],
  );
  const byId = new Map<number, typeof answers>();
  for (const a of answers) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  return found.map((m) => toMeasurement(m, byId.get(m.id) ?? [], nowMs));
}

function toMeasurement(
  m: MeasurementRow,
  answers: readonly { respondent: Respondent; item: string; score: number | null }[],
  nowMs: number,
): Measurement & { personId: number } {
  const citizen: Record<string, number | null> = {};
  const caseworker: Record<string, number | null> = {};
  const channels: SearchChannel[] = [];
  for (const a of answers) {
    if (a.item.startsWith('channel:')) {
      if (a.score === 1) channels.push(a.item.slice('channel:'.length) as SearchChannel);
    } else (a.respondent === 'citizen' ? citizen : caseworker)[a.item] = a.score;
  }
  channels.sort((a, b) => SEARCH_CHANNELS.indexOf(a) - SEARCH_CHANNELS.indexOf(b));
  return {
    personId: m.person_id,
    id: m.id,
    questionnaire: m.questionnaire,
    date: m.date,
    caseworker: m.caseworker,
    status: m.status,
    source: m.source,
    citizen: citizen as Answers,
    caseworkerAnswers: caseworker as Answers,
    channels,
    link:
      m.link_expires_ms === null
        ? null
        : {
            open: m.link_used === false && m.link_expires_ms > nowMs,
            expiresAt: new Date(m.link_expires_ms).toISOString(),
          },
    recordedBy: m.recorded_by,
    updatedAt: m.updated_at,
  };
}

/** A stored measurement's owner and state, or null when there is no such measurement. */
export async function measurementHead(
  store: Store,
  id: number,
): Promise<{
  personId: number;
  pseudonym: string;
  municipality: number;
  status: MeasurementStatus;
  source: MeasurementSource;
  questionnaire: string;
} | null> {
  const [row] = await store.query<{
    personId: number;
    pseudonym: string;
    municipality: number;
    status: MeasurementStatus;
    source: MeasurementSource;
    questionnaire: string;
  }>(
    `SELECT m.person_id AS "personId", p.pseudonym, m.municipality, m.status, m.source, m.questionnaire
     FROM measurements m JOIN persons p USING (person_id) WHERE m.measurement_id = $1`,
    [id],
  );
  return row ?? null;
}

/**
 * Check `answers` of `respondent` against `questionnaire`: only its items, each a whole score 1-5 or
 * null; for a final measurement every item present. Problems name the field: `caseworker.health`.
 */
export function checkAnswers(
  questionnaire: Questionnaire,
  respondent: Respondent,
  answers: Answers,
  final: boolean,
  field: string = respondent,
): string[] {
  const items = itemsOf(questionnaire, respondent);
  const problems: string[] = [];
  for (const [item, score] of Object.entries(answers)) {
    if (!items.includes(item as Indicator))
      problems.push(
        `${field}.${item}: expected an item the ${respondent} answers in ${questionnaire.version} (${items.join(', ')})`,
      );
    else if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5))
      problems.push(`${field}.${item}: expected a score 1-5 or null, found ${JSON.stringify(score)}`);
  }
  if (final) {
    const missing = items.filter((k) => !(k in answers));
    if (missing.length > 0)
      problems.push(
        `${field}: a final measurement needs an answer to every item (a score, or null for one left unanswered); missing ${missing.join(', ')}`,
      );
  }
  return problems;
}

/** Check search channels: known names, each once, "not searching" alone. */
export function checkChannels(channels: readonly string[]): string[] {
  const problems: string[] = [];
  for (const c of channels)
    if (!(SEARCH_CHANNELS as readonly string[]).includes(c))
      problems.push(`channels: expected channels of ${SEARCH_CHANNELS.join(', ')}, found "${c}"`);
  if (new Set(channels).size !== channels.length)
    problems.push('channels: expected each channel at most once');
  if (channels.includes('notSearching') && channels.length > 1)
    problems.push('channels: "notSearching" excludes the other channels');
  return problems;
}

/** Replace the answers of `respondents` of measurement `id` (inside a write transaction). */
export async function writeAnswers(
  c: DuckDBConnection,
  id: number,
  parts: { citizen?: Answers; caseworker?: Answers; channels?: readonly SearchChannel[] },
): Promise<void> {
  const values: (string | number | null)[][] = [];
  const put = (respondent: Respondent, answers: Answers) => {
    for (const [item, score] of Object.entries(answers)) values.push([respondent, item, score ?? null]);
  };
  if (parts.citizen) {
    await c.run(`DELETE FROM measurement_answers WHERE measurement_id = $1 AND respondent = 'citizen'`, [id]);
    put('citizen', parts.citizen);
    if (parts.channels && parts.channels.length > 0)
      for (const channel of SEARCH_CHANNELS)
        values.push(['citizen', channelItem(channel), parts.channels.includes(channel) ? 1 : 0]);
  }
  if (parts.caseworker) {
    await c.run(`DELETE FROM measurement_answers WHERE measurement_id = $1 AND respondent = 'caseworker'`, [
      id,
    ]);
    put('caseworker', parts.caseworker);
  }
  for (const [respondent, item, score] of values)
    await c.run('INSERT INTO measurement_answers VALUES ($1, $2, $3, $4)', [id, respondent!, item!, score!]);
}

/** Check a measurement from the screen against its questionnaire; a DataError (422) lists every problem. */
export async function checkInput(store: Store, input: MeasurementInput): Promise<Questionnaire> {
  const questionnaire = await questionnaireOf(store, input.questionnaire);
  if (!questionnaire)
    throw new DataError(`questionnaire: expected a version the store knows, found "${input.questionnaire}"`);
  try {
    weekIndexOfDate(input.date);
  } catch {
    throw new DataError(`date: expected a date that exists as YYYY-MM-DD, found "${input.date}"`);
  }
  const final = input.status === 'final';
  const problems = [
    ...checkAnswers(questionnaire, 'citizen', input.citizen, final),
    ...checkAnswers(questionnaire, 'caseworker', input.caseworker, final),
    ...checkChannels(input.channels),
  ];
  if (problems.length > 0)
    throw new DataError(problems.join('; '), { details: problems.map((message) => ({ message })) });
  return questionnaire;
}

export interface Recorder {
  readonly username: string;
  /** The caseworker id of the user, if they are one. */
  readonly caseworker: string | null;
}

/** Store a new measurement of `personId` from the screen; its id. */
export async function addMeasurement(
  store: Store,
  personId: number,
  municipality: number,
  input: MeasurementInput,
  by: Recorder,
): Promise<number> {
  await checkInput(store, input);
  return store.transaction(async (c) => {
    await ensureStored(c, input.questionnaire);
    const [row] = await rows<{ id: number }>(
      c,
      `INSERT INTO measurements VALUES (nextval('measurement_id_seq'), $1, $2, $3, $4::DATE, $5, $6, $7, 'screen', NULL, $8, current_timestamp::TIMESTAMP)
       RETURNING measurement_id AS id`,
      [
        personId,
        municipality,
        input.questionnaire,
        input.date,
        weekIndexOfDate(input.date),
        by.caseworker,
        input.status,
        by.username,
      ],
    );
    if (!row) throw new Error('storing the measurement returned no row');
    await writeAnswers(c, row.id, {
      citizen: input.citizen,
      caseworker: input.caseworker,
      channels: input.channels,
    });
    return row.id;
  });
}

/**
 * The citizen's part of measurement `id` if the citizen answered it through a one-time link, else
 * null: that part is the citizen's own, and a save from the screen keeps it.
 */
async function answeredThroughLink(
  store: Store,
  id: number,
): Promise<{ citizen: Answers; channels: SearchChannel[] } | null> {
  const [used] = await store.query<{ n: number }>(
    'SELECT count(*) AS n FROM citizen_links WHERE measurement_id = $1 AND used_at IS NOT NULL',
    [id],
  );
  if (!used?.n) return null;
  const answers = await store.query<{ item: string; score: number | null }>(
    `SELECT item, score FROM measurement_answers WHERE measurement_id = $1 AND respondent = 'citizen'`,
    [id],
  );
  const citizen: Record<string, number | null> = {};
  const channels: SearchChannel[] = [];
  for (const a of answers)
    if (!a.item.startsWith('channel:')) citizen[a.item] = a.score;
    else if (a.score === 1) channels.push(a.item.slice('channel:'.length) as SearchChannel);
  return { citizen: citizen as Answers, channels };
}

/**
 * Save a draft again (or make it final); a final measurement is not changed (409). Once the citizen
 * has answered through a one-time link, their part is kept as they gave it: the screen's save changes
 * the caseworker's part, the day and the status.
 */
export async function updateMeasurement(
  store: Store,
  id: number,
  input: MeasurementInput,
  by: Recorder,
): Promise<void> {
  const linked = await answeredThroughLink(store, id);
  await checkInput(store, linked ? { ...input, ...linked } : input);
  await store.transaction(async (c) => {
    const [head] = await rows<{ status: MeasurementStatus }>(
      c,
      'SELECT status FROM measurements WHERE measurement_id = $1',
      [id],
    );
    if (head?.status !== 'draft')
      throw new AccessError(
        `measurement ${id} is final and is kept as it was measured; record a new measurement instead`,
        409,
      );
    await ensureStored(c, input.questionnaire);
    await c.run(
      `UPDATE measurements SET questionnaire = $2, measured_on = $3::DATE, week = $4, status = $5,
         caseworker = coalesce($6, caseworker), recorded_by = $7, updated_at = current_timestamp::TIMESTAMP
       WHERE measurement_id = $1`,
      [
        id,
        input.questionnaire,
        input.date,
        weekIndexOfDate(input.date),
        input.status,
        by.caseworker,
        by.username,
      ],
    );
    await writeAnswers(
      c,
      id,
      linked
        ? { caseworker: input.caseworker }
        : { citizen: input.citizen, caseworker: input.caseworker, channels: input.channels },
    );
  });
}

/** The action plan of measurement `id`, in the order of its indicators. */
export async function planOf(store: Store, id: number): Promise<ActionPlanItem[]> {
  return store.query<ActionPlanItem & Record<string, unknown>>(
    `SELECT indicator, goal, coalesce(next_step, '') AS "nextStep",
            strftime(follow_up, '%Y-%m-%d') AS "followUp"
     FROM action_plans WHERE measurement_id = $1 ORDER BY rowid`,
    [id],
  );
}

/** Replace the action plan of measurement `id`. */
export async function replacePlan(store: Store, id: number, items: readonly ActionPlanItem[]): Promise<void> {
  const problems: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, k) => {
    if (seen.has(item.indicator))
      problems.push(`items.${k}.indicator: expected each indicator once, found "${item.indicator}" again`);
    seen.add(item.indicator);
    if (item.followUp !== null)
      try {
        weekIndexOfDate(item.followUp);
      } catch {
        problems.push(
          `items.${k}.followUp: expected a date that exists as YYYY-MM-DD, found "${item.followUp}"`,
        );
      }
  });
  if (problems.length > 0) throw new DataError(problems.join('; '));
  await store.transaction(async (c) => {
    await c.run('DELETE FROM action_plans WHERE measurement_id = $1', [id]);
    for (const item of items)
      await c.run('INSERT INTO action_plans VALUES ($1, $2, $3, $4, $5::DATE)', [
        id,
        item.indicator,
        item.goal,
        item.nextStep.trim() || null,
        item.followUp,
      ]);
  });
}
