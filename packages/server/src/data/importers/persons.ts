/**
 * Person import: CSV `person,birth_year,sex,origin,municipality` with an optional `from_week`.
 * `person` is a CPR number; `birth_year` four digits; `sex` and `origin` are stored as written;
 * `municipality` is a municipality code (1-4 digits, e.g. 101); `from_week` is the ISO week
 * (`YYYYWW`, or a date standing for its week) from which the person lived in that municipality.
 *
 * An empty value is unknown and leaves what the store knows alone; a given value replaces it. A
 * person may have several rows, one per municipality they lived in, but the rows must agree on
 * birth year, sex and origin. Without `from_week` (no column, or an empty value) the municipality
 * holds from week index 0 (1970-W01), that is "as far back as the data go": a file without
 * moves says where each person lives, and a later file with `from_week` adds the moves. A row
 * replaces the municipality the store held for the same person and the same `from_week`.
 */

import { toYyyyww } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import { commitPersons, type Stager } from './import-run.ts';
import {
  conflicts,
  field,
  FieldError,
  guarded,
  optional,
  parseMunicipalityCode,
  parseWeekOrDate,
  readNotes,
  stagePersonKeys,
  stagePersonRows,
} from './staging.ts';

function parseBirthYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1880 || year > 2100) throw new FieldError('a birth year such as 1980');
  return year;
}

const ATTRIBUTES = ['birth_year', 'sex', 'origin'] as const;

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_person_rows',
  columns: {
    birth_year: 'SMALLINT',
    sex: 'VARCHAR',
    origin: 'VARCHAR',
    municipality: 'SMALLINT',
    from_week: 'INTEGER',
  },
  person: 'person',
  required: ['person', 'birth_year', 'sex', 'origin', 'municipality'],
  optional: ['from_week'],
} as const;

export function personsStager(): Stager {
  return async (connection, context) => {
    const { file } = context;
    const problems = new ProblemList();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const birthYear = field(problems, row, 'birth_year', optional(parseBirthYear));
      const municipality = field(problems, row, 'municipality', optional(parseMunicipalityCode));
      const fromWeek = field(problems, row, 'from_week', optional(parseWeekOrDate));
      if (birthYear === undefined || municipality === undefined || fromWeek === undefined) return undefined;
      return [birthYear, row.get('sex') || null, row.get('origin') || null, municipality, fromWeek];
    });
    problems.throwIfAny();

    await stagePersonKeys(connection);
    const twice = await rows<{ line: number; first: number }>(
      connection,
      `SELECT max(r.line) AS line, min(r.line) AS first
       FROM temp.stage_person_rows r JOIN temp.stage_person_keys k USING (local_id)
       WHERE r.municipality IS NOT NULL
       GROUP BY k.person, coalesce(r.from_week, 0) HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const d of twice) {
      problems.add({
        file,
        line: d.line,
        column: read.column('municipality'),
        expected: `one municipality per person and from_week (line ${d.first} gives this person's municipality from the same week)`,
      });
    }
    for (const attribute of ATTRIBUTES) {
      const found = await conflicts(
        connection,
        `temp.stage_person_rows r JOIN temp.stage_person_keys k USING (local_id) WHERE r.${attribute} IS NOT NULL`,
        'k.person',
        `r.${attribute}`,
      );
      for (const c of found) {
        problems.add(
          guarded({
            file,
            line: c.line,
            column: read.column(attribute),
            expected: `the same ${attribute} on every row of a person (line ${c.other} gives another)`,
            found: c.value,
          }),
        );
      }
    }
    problems.throwIfAny();

    const [span] = await rows<{ first: number | null; last: number | null; persons: number }>(
      connection,
      `SELECT min(from_week) AS first, max(from_week) AS last,
              (SELECT count(DISTINCT person) FROM temp.stage_person_keys) AS persons
       FROM temp.stage_person_rows`,
    );
    const first = span?.first ?? null;
    const last = span?.last ?? null;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${span?.persons ?? 0} persons` +
          (first !== null && last !== null
            ? `, municipalities from weeks ${toYyyyww(first)}-${toYyyyww(last)}`
            : ''),
      ),
      commit: async (c, importId) => {
        await commitPersons(c);
        await c.run(`
          UPDATE persons SET
            birth_year = coalesce(s.birth_year, persons.birth_year),
            sex = coalesce(s.sex, persons.sex),
            origin = coalesce(s.origin, persons.origin)
          FROM (SELECT i.person_id, max(r.birth_year) AS birth_year, max(r.sex) AS sex, max(r.origin) AS origin
                FROM temp.stage_person_rows r JOIN temp.stage_ids i USING (local_id)
                GROUP BY i.person_id) s
          WHERE persons.person_id = s.person_id
            AND (s.birth_year IS DISTINCT FROM persons.birth_year AND s.birth_year IS NOT NULL
              OR s.sex IS DISTINCT FROM persons.sex AND s.sex IS NOT NULL
              OR s.origin IS DISTINCT FROM persons.origin AND s.origin IS NOT NULL)`);
        await c.run(`
          CREATE TEMP TABLE stage_municipalities AS
          SELECT DISTINCT i.person_id, coalesce(r.from_week, 0) AS from_week, r.municipality
          FROM temp.stage_person_rows r JOIN temp.stage_ids i USING (local_id)
          WHERE r.municipality IS NOT NULL`);
        await c.run(`
          DELETE FROM person_municipalities p USING temp.stage_municipalities s
          WHERE p.person_id = s.person_id AND p.from_week = s.from_week`);
        await c.run(
          `INSERT INTO person_municipalities (person_id, from_week, municipality, import_id)
           SELECT person_id, from_week, municipality, $1 FROM temp.stage_municipalities`,
          [importId],
        );
      },
    };
  };
}
