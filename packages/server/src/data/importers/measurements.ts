/**
 * Progression measurement import (BIP's indicators from another system): CSV
 * `person,date,questionnaire,respondent,item,score,caseworker`, one row per measurement and item.
 * `person` is a CPR number; `date` the day measured (`YYYY-MM-DD`, `DD-MM-YYYY`, `DD.MM.YYYY`); a
 * measurement is a person on a day. `questionnaire` a version the store knows (the built-in is
 * `bip-1`); `respondent` `citizen` or `caseworker` (`borger`, `sagsbehandler`); `item` an indicator
 * key the respondent answers in that version (`health`), or `channel:<channel>` for the citizen's
 * job-search channels; `score` 1-5 for an indicator and 0/1 for a channel, empty for an item left
 * unanswered; `caseworker` (optional) the register id of the caseworker who measured. An optional
 * `municipality` column gives the municipality measured in; without it the municipality is where
 * the register places the person in the week measured (`person_municipalities`, so import persons
 * first), and a person the store cannot place is refused. Persons new to the store are added, as the
 * other importers do.
 *
 * Every measurement is stored final, source `import`. A newer file replaces the imported
 * measurements of its persons on the days it holds (with their answers, plans and links); what was
 * recorded on the screen is never touched.
 */

import {
  BUILT_IN_QUESTIONNAIRES,
  channelItem,
  SEARCH_CHANNELS,
  toYyyyww,
  weekIndexOfDate,
  type Questionnaire,
} from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import { commitPersons, type Stager } from './import-run.ts';
import {
  field,
  FieldError,
  optional,
  parseDate,
  parseMunicipalityCode,
  readNotes,
  report,
  required,
  stagePersonKeys,
  stagePersonRows,
  UnknownValues,
} from './staging.ts';

const STAGE = {
  table: 'stage_measurements',
  columns: {
    measured_on: 'VARCHAR',
    week: 'INTEGER',
    questionnaire: 'VARCHAR',
    respondent: 'VARCHAR',
    item: 'VARCHAR',
    score: 'SMALLINT',
    caseworker: 'VARCHAR',
    municipality: 'SMALLINT',
  },
  person: 'person',
  required: ['person', 'date', 'questionnaire', 'respondent', 'item', 'score'],
  optional: ['caseworker', 'municipality'],
} as const;

const RESPONDENT_NAMES: Readonly<Record<string, 'citizen' | 'caseworker'>> = {
  citizen: 'citizen',
  borger: 'citizen',
  caseworker: 'caseworker',
  sagsbehandler: 'caseworker',
};

function parseRespondent(text: string): 'citizen' | 'caseworker' {
  const respondent = RESPONDENT_NAMES[text.toLowerCase()];
  if (!respondent) throw new FieldError('citizen or caseworker (borger or sagsbehandler)');
  return respondent;
}

const CHANNEL_ITEMS = SEARCH_CHANNELS.map(channelItem);

/** The questionnaires an import may name: the built-in ones and those stored. */
async function knownQuestionnaires(
  connection: Parameters<Stager>[0],
): Promise<Map<string, Questionnaire>> {
  const stored = await rows<{ version: string; definition: string }>(
    connection,
    'SELECT version, definition::VARCHAR AS definition FROM questionnaires',
  );
  return new Map([
    ...stored.map((r): [string, Questionnaire] => [r.version, JSON.parse(r.definition) as Questionnaire]),
    ...BUILT_IN_QUESTIONNAIRES.map((q): [string, Questionnaire] => [q.version, q]),
  ]);
}

export function measurementsStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const questionnaires = await knownQuestionnaires(connection);
    const unknownVersions = new UnknownValues();
    let versionColumn = 'questionnaire';
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const date = field(problems, row, 'date', parseDate);
      const version = field(problems, row, 'questionnaire', required('a questionnaire version such as bip-1'));
      const respondent = field(problems, row, 'respondent', parseRespondent);
      const itemText = field(problems, row, 'item', required('an indicator key such as health, or channel:internet'));
      const caseworker = field(problems, row, 'caseworker', optional((t) => t));
      const municipality = field(problems, row, 'municipality', optional(parseMunicipalityCode));
      versionColumn = row.column('questionnaire');
      const questionnaire = version === undefined ? undefined : questionnaires.get(version);
      if (version !== undefined && !questionnaire) unknownVersions.add(version, row.line);
      if (
        date === undefined ||
        questionnaire === undefined ||
        respondent === undefined ||
        itemText === undefined ||
        caseworker === undefined ||
        municipality === undefined
      )
        return undefined;
      const isChannel = itemText.startsWith('channel:');
      const items = questionnaire[respondent].map((i) => i.indicator as string);
      const allowed = isChannel ? (respondent === 'citizen' ? CHANNEL_ITEMS : []) : items;
      if (!allowed.includes(itemText)) {
        report(problems, {
          file: row.file,
          line: row.line,
          column: row.column('item'),
          expected: isChannel
            ? respondent === 'citizen'
              ? `a channel of ${CHANNEL_ITEMS.join(', ')}`
              : 'an indicator the caseworker answers (channels are the citizen’s)'
            : `an item the ${respondent} answers in ${questionnaire.version}: ${items.join(', ')}`,
          found: itemText,
        });
        return undefined;
      }
      const score = field(problems, row, 'score', (text) => {
        if (text === '') return null;
        const n = Number(text);
        const ok = isChannel ? n === 0 || n === 1 : Number.isInteger(n) && n >= 1 && n <= 5;
        if (!/^\d$/.test(text) || !ok)
          throw new FieldError(
            isChannel ? '0 or 1 for a channel, or empty' : 'a score 1-5, or empty for an item left unanswered',
          );
        return n;
      });
      if (score === undefined) return undefined;
      return [date, weekIndexOfDate(date), questionnaire.version, respondent, itemText, score, caseworker, municipality];
    });
    unknownVersions.report(
      problems,
      context.file,
      versionColumn,
      `a questionnaire version the store knows (${[...questionnaires.keys()].join(', ')})`,
    );
    problems.throwIfAny();

    await stagePersonKeys(connection);
    const file = context.file;
    // One answer per item of a measurement.
    const twice = await rows<{ line: number; first: number; item: string }>(
      connection,
      `SELECT max(s.line) AS line, min(s.line) AS first, s.item FROM temp.stage_measurements s
       JOIN temp.stage_person_keys k USING (local_id)
       GROUP BY k.person, s.measured_on, s.respondent, s.item HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const t of twice)
      report(problems, {
        file,
        line: t.line,
        column: 'item',
        expected: `each item once per person, day and respondent (line ${t.first} has it)`,
        found: t.item,
      });
    // One questionnaire, caseworker and municipality per measurement.
    for (const column of ['questionnaire', 'caseworker', 'municipality'] as const) {
      const mixed = await rows<{ line: number; first: number; value: string }>(
        connection,
        `WITH firsts AS (
           SELECT k.person, s.measured_on, s.${column}::VARCHAR AS value, min(s.line) AS first
           FROM temp.stage_measurements s JOIN temp.stage_person_keys k USING (local_id)
           GROUP BY ALL),
         ranked AS (SELECT *, row_number() OVER (PARTITION BY person, measured_on ORDER BY first) AS k FROM firsts)
         SELECT b.first AS line, a.first, coalesce(b.value, '') AS value FROM ranked a JOIN ranked b
           ON a.person = b.person AND a.measured_on = b.measured_on AND a.k = 1 AND b.k = 2
         ORDER BY 1 LIMIT 100`,
      );
      for (const m of mixed)
        report(problems, {
          file,
          line: m.line,
          column,
          expected: `the same ${column} on every row of a measurement (a person on a day) as on line ${m.first}`,
          found: m.value,
        });
    }
    // Where each measurement was made: the file's municipality, else where the register places the person.
    await connection.run(`
      CREATE TEMP TABLE stage_measurement_places AS
      SELECT s.local_id, s.measured_on, min(s.line) AS line,
        coalesce(any_value(s.municipality),
          (SELECT arg_max(pm.municipality, pm.from_week) FROM person_municipalities pm JOIN persons p USING (person_id)
           WHERE p.pseudonym = sp.pseudonym AND pm.from_week <= any_value(s.week)),
          (SELECT arg_min(pm.municipality, pm.from_week) FROM person_municipalities pm JOIN persons p USING (person_id)
           WHERE p.pseudonym = sp.pseudonym)) AS municipality
      FROM temp.stage_measurements s JOIN temp.stage_persons sp USING (local_id)
      GROUP BY s.local_id, s.measured_on, sp.pseudonym`);
    const unplaced = await rows<{ line: number }>(
      connection,
      'SELECT line FROM temp.stage_measurement_places WHERE municipality IS NULL ORDER BY line LIMIT 100',
    );
    for (const u of unplaced)
      problems.add({
        file,
        line: u.line,
        column: 'person',
        expected:
          'a person the store places in a municipality (import persons first), or a municipality column (the value is not shown)',
      });
    problems.throwIfAny();

    const [span] = await rows<{ first: number; last: number; persons: number; measurements: number }>(
      connection,
      `SELECT min(week) AS first, max(week) AS last,
              (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons,
              (SELECT count(*) FROM (SELECT DISTINCT k.person, s.measured_on FROM temp.stage_measurements s
                 JOIN temp.stage_person_keys k USING (local_id))) AS measurements
       FROM temp.stage_measurements`,
    );
    const first = span?.first ?? 0;
    const last = span?.last ?? 0;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${span?.measurements ?? 0} measurements of ${span?.persons ?? 0} persons, in weeks ${toYyyyww(first)}-${toYyyyww(last)}`,
      ),
      commit: async (c, importId) => {
        await commitPersons(c);
        // The measurements of the file: one per person and day, with a new id each.
        await c.run(`
          CREATE TEMP TABLE stage_measurement_keys AS
          SELECT i.person_id, s.measured_on, any_value(s.week) AS week, any_value(s.questionnaire) AS questionnaire,
                 any_value(s.caseworker) AS caseworker, any_value(pl.municipality) AS municipality
          FROM temp.stage_measurements s JOIN temp.stage_ids i USING (local_id)
          JOIN temp.stage_measurement_places pl ON pl.local_id = s.local_id AND pl.measured_on = s.measured_on
          GROUP BY i.person_id, s.measured_on`);
        const replaced = `SELECT m.measurement_id FROM measurements m JOIN temp.stage_measurement_keys k
          ON m.person_id = k.person_id AND m.measured_on = k.measured_on::DATE WHERE m.source = 'import'`;
        for (const table of ['measurement_answers', 'action_plans', 'citizen_links'])
          await c.run(`DELETE FROM ${table} WHERE measurement_id IN (${replaced})`);
        await c.run(`DELETE FROM measurements WHERE measurement_id IN (${replaced})`);
        for (const q of BUILT_IN_QUESTIONNAIRES)
          await c.run(
            `INSERT INTO questionnaires SELECT $1, $2::JSON, 'jobinvest', current_timestamp::TIMESTAMP
             WHERE NOT EXISTS (SELECT 1 FROM questionnaires WHERE version = $1)
               AND EXISTS (SELECT 1 FROM temp.stage_measurement_keys WHERE questionnaire = $1)`,
            [q.version, JSON.stringify(q)],
          );
        await c.run(`
          CREATE TEMP TABLE stage_measurement_ids AS
          SELECT nextval('measurement_id_seq') AS measurement_id, * FROM temp.stage_measurement_keys`);
        await c.run(
          `INSERT INTO measurements
           SELECT measurement_id, person_id, municipality, questionnaire, measured_on::DATE, week, caseworker,
                  'final', 'import', $1, 'import', current_timestamp::TIMESTAMP
           FROM temp.stage_measurement_ids`,
          [importId],
        );
        await c.run(`
          INSERT INTO measurement_answers
          SELECT k.measurement_id, s.respondent, s.item, s.score
          FROM temp.stage_measurements s JOIN temp.stage_ids i USING (local_id)
          JOIN temp.stage_measurement_ids k ON k.person_id = i.person_id AND k.measured_on = s.measured_on`);
      },
    };
  };
}
