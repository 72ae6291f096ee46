/**
 * Framework conditions (rammevilkår) import: CSV in long form, `kommune;år;variabel;værdi`, one row
 * per municipality, year and variable, into `framework_conditions`. Long rather than one column per
 * variable, so that a file may hold some of the variables, and a new variable needs no new column.
 *
 * `kommune` is a municipality by code or name (municipality-names.ts; rows of "Hele landet" and
 * regions are skipped); `år` four digits; `variabel` one of core's `FRAMEWORK_VARIABLES`
 * (`ageOver50`, `lowEducation`, `nonWesternOrigin`, `publicSupport`, `localJobs`, `unemployment`,
 * case aside); `værdi` a number, Danish ("0,123") or plain, as a fraction or ratio, never percent:
 * the shares must lie from 0 to 1, `localJobs` (jobs per resident 16-66) may exceed 1.
 *
 * A row replaces what the store held for the same municipality, year and variable; a file with two
 * rows for one municipality, year and variable is refused.
 */

import { FRAMEWORK_VARIABLES, type FrameworkVariable } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { parseNumber } from '../../input/numbers.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import { parseMunicipality } from './municipality-names.ts';
import { field, FieldError, readCsvRows, readNotes, StageTable } from './staging.ts';

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new FieldError('a year such as 2024');
  return Number(text);
}

const VARIABLE_OF = new Map<string, FrameworkVariable>(FRAMEWORK_VARIABLES.map((v) => [v.id.toLowerCase(), v.id]));

function parseVariable(text: string): FrameworkVariable {
  const variable = VARIABLE_OF.get(text.toLowerCase());
  if (!variable) throw new FieldError(`one of ${FRAMEWORK_VARIABLES.map((v) => v.id).join(', ')}`);
  return variable;
}

/** A fraction 0-1, or for `localJobs` a ratio of 0 or more. */
function valueParser(variable: FrameworkVariable | undefined): (text: string) => number {
  return (text) => {
    const x = parseNumber(text);
    if (variable === 'localJobs') {
      if (x === null || x < 0) throw new FieldError('a ratio of 0 or more, such as 0,85');
      return x;
    }
    if (x === null || x < 0 || x > 1)
      throw new FieldError('a fraction from 0 to 1 such as 0,123 (not percent: 12,3 % is 0,123)');
    return x;
  };
}

export function frameworkStager(): Stager {
  return async (connection, context) => {
    const { file } = context;
    const problems = new ProblemList();
    const staged = await StageTable.create(connection, 'stage_framework_conditions', {
      line: 'INTEGER',
      municipality: 'SMALLINT',
      year: 'SMALLINT',
      variable: 'VARCHAR',
      value: 'DOUBLE',
    });
    let aggregates = 0;
    let read;
    try {
      read = await readCsvRows(
        context,
        problems,
        { required: ['kommune', 'år', 'variabel', 'værdi'] },
        (row) => {
          const municipality = field(problems, row, 'kommune', parseMunicipality);
          if (municipality === null) {
            aggregates++;
            return;
          }
          const year = field(problems, row, 'år', parseYear);
          const variable = field(problems, row, 'variabel', parseVariable);
          const value = field(problems, row, 'værdi', valueParser(variable));
          if (municipality !== undefined && year !== undefined && variable !== undefined && value !== undefined)
            staged.add(row.line, municipality, year, variable, value);
        },
      );
    } finally {
      staged.close();
    }
    problems.throwIfAny();

    const twice = await rows<{ line: number; first: number; variable: string }>(
      connection,
      `SELECT max(line) AS line, min(line) AS first, variable FROM temp.stage_framework_conditions
       GROUP BY municipality, year, variable HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const d of twice) {
      problems.add({
        file,
        line: d.line,
        column: read.column('variabel'),
        expected: `one row per municipality, year and variable (line ${d.first} has the same)`,
        found: d.variable,
      });
    }
    problems.throwIfAny();

    const [count] = await rows<{ municipalities: number; first: number | null; last: number | null }>(
      connection,
      `SELECT count(DISTINCT municipality) AS municipalities, min(year) AS first, max(year) AS last
       FROM temp.stage_framework_conditions`,
    );
    return {
      rows: read.rows,
      firstWeek: null,
      lastWeek: null,
      notes: [
        ...readNotes(
          read,
          `${count?.municipalities ?? 0} municipalities, years ${count?.first ?? ''}-${count?.last ?? ''}`,
        ),
        ...(aggregates > 0 ? [`${aggregates} rows of the whole country or a region skipped`] : []),
      ],
      commit: async (c, importId) => {
        await c.run(`
          DELETE FROM framework_conditions f WHERE EXISTS (
            SELECT 1 FROM temp.stage_framework_conditions s
            WHERE s.municipality = f.municipality AND s.year = f.year AND s.variable = f.variable)`);
        await c.run(
          `INSERT INTO framework_conditions (municipality, year, variable, value, import_id)
           SELECT municipality, year, variable, value, $1 FROM temp.stage_framework_conditions`,
          [importId],
        );
      },
    };
  };
}
