/**
 * Municipality import: CSV `code,name,year,population_16_66,labour_force_16_66`, one row per
 * municipality and year, with the population and the labour force aged 16-66 that the
 * full-time-person shares are measured against. `code` is the municipality code (1-4 digits, e.g.
 * 101); `year` four digits; the counts are whole numbers, Danish ("42.317") or plain, or empty when
 * unknown. No persons are in this file.
 *
 * A row replaces what the store held for the same code and year (an empty count replaces a known
 * one: the newer file is taken as it is), and the name replaces the municipality's name. The rows
 * of one code must agree on its name.
 */

import { ProblemList } from '../../input/input-error.ts';
import { parseNumber } from '../../input/numbers.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import {
  conflicts,
  field,
  FieldError,
  guarded,
  optional,
  parseMunicipalityCode,
  readCsvRows,
  readNotes,
  required,
  StageTable,
} from './staging.ts';

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new FieldError('a year such as 2024');
  return Number(text);
}

function parseCount(text: string): number {
  const x = parseNumber(text);
  if (x === null || !Number.isInteger(x) || x < 0 || x > 2 ** 31 - 1)
    throw new FieldError('a whole number of persons such as 42.317 or 42317');
  return x;
}

export function municipalitiesStager(): Stager {
  return async (connection, context) => {
    const { file } = context;
    const problems = new ProblemList();
    const years = await StageTable.create(connection, 'stage_municipality_years', {
      line: 'INTEGER',
      code: 'SMALLINT',
      name: 'VARCHAR',
      year: 'SMALLINT',
      population: 'INTEGER',
      labour_force: 'INTEGER',
    });
    let read;
    try {
      read = await readCsvRows(
        context,
        problems,
        { required: ['code', 'name', 'year', 'population_16_66', 'labour_force_16_66'] },
        (row) => {
          const values = [
            field(problems, row, 'code', parseMunicipalityCode),
            field(problems, row, 'name', required("the municipality's name")),
            field(problems, row, 'year', parseYear),
            field(problems, row, 'population_16_66', optional(parseCount)),
            field(problems, row, 'labour_force_16_66', optional(parseCount)),
          ];
          if (!values.includes(undefined)) years.add(row.line, ...(values as (number | string | null)[]));
        },
      );
    } finally {
      years.close();
    }
    problems.throwIfAny();

    const twice = await rows<{ line: number; first: number; year: number }>(
      connection,
      `SELECT max(line) AS line, min(line) AS first, year FROM temp.stage_municipality_years
       GROUP BY code, year HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const d of twice) {
      problems.add({
        file,
        line: d.line,
        column: read.column('year'),
        expected: `one row per municipality and year (line ${d.first} has the same code and year)`,
        found: String(d.year),
      });
    }
    const renamed = await conflicts(connection, 'temp.stage_municipality_years', 'code', 'name');
    for (const r of renamed) {
      problems.add(
        guarded({
          file,
          line: r.line,
          column: read.column('name'),
          expected: `the same name on every row of a municipality code (line ${r.other} gives another)`,
          found: r.value,
        }),
      );
    }
    problems.throwIfAny();

    const [count] = await rows<{ municipalities: number; first: number; last: number }>(
      connection,
      `SELECT count(DISTINCT code) AS municipalities, min(year) AS first, max(year) AS last
       FROM temp.stage_municipality_years`,
    );
    return {
      rows: read.rows,
      firstWeek: null,
      lastWeek: null,
      notes: readNotes(
        read,
        `${count?.municipalities ?? 0} municipalities, years ${count?.first ?? ''}-${count?.last ?? ''}`,
      ),
      commit: async (c, importId) => {
        await c.run(`
          INSERT INTO municipalities (code, name)
          SELECT code, any_value(name) FROM temp.stage_municipality_years GROUP BY code
          ON CONFLICT (code) DO UPDATE SET name = excluded.name`);
        await c.run(
          `INSERT INTO municipality_years (code, year, population_16_66, labour_force_16_66, import_id)
           SELECT code, year, population, labour_force, $1 FROM temp.stage_municipality_years
           ON CONFLICT (code, year) DO UPDATE SET
             population_16_66 = excluded.population_16_66,
             labour_force_16_66 = excluded.labour_force_16_66,
             import_id = excluded.import_id`,
          [importId],
        );
      },
    };
  };
}
