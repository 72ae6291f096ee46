/**
 * jobindsats import: other municipalities' figures as jobindsats.dk gives them, in any of its three
 * forms (the download's CSV, its XLSX, the API v2's JSON; see extract-table.ts), into
 * `peer_figures`. No persons are in these files: every row is an aggregate.
 *
 * Columns are found by their Danish headers, case and spacing aside; a header "Emne: Måling" (the
 * API's long labels, "Forventet og faktisk antal fuldtidspersoner …: Forventet antal") is also read
 * by the part after its last colon:
 *
 * - area, `Område` (or `Area`, `Kommune`): a municipality (municipality-names.ts); rows of
 *   "Hele landet" and regions are skipped;
 * - period, `Periode` (or `Tid`): a month "2024M09", a quarter "2024K3" or "2024Q3", a year "2024",
 *   or a range of them "2024M01-2024M12", stored as the week indices of its first and last week
 *   (core's `monthWeeks`: a month's weeks are those whose Thursday falls in it);
 * - benefit group, `Ydelsesgrupper` (or `Ydelse`, `Ydelsesgruppe`): a jobindsats group's name, read
 *   by core's `jobindsatsGroupOf` ("Kontanthjælp", "A-dagpenge mv.", "I alt", …);
 * - measures, at least one (`MEASURE_COLUMNS`); a percentage ("(pct.)", "i pct. af") is stored as
 *   a fraction 0-1. A cell "-", "..", "." or empty is a value jobindsats does not show (missing or
 *   suppressed) and is left out; the import's notes count such cells.
 *
 * Other columns are read past and named in the notes; lines before the header row (titles) and
 * after the data (footnotes) too. The figures' `source` is the jobindsats table id (such as
 * "Y30R21") if the titles or the file's name hold one, 'synthetic' if the titles say "syntetisk"
 * (the generator's extract), otherwise 'jobindsats'.
 *
 * A figure replaces what the store held for the same municipality, group, period and measure; a
 * file with two rows for one municipality, group and period is refused.
 */

import { basename } from 'node:path';
import {
  FRACTION_MEASURES,
  JOBINDSATS_GROUP_NAMES,
  jobindsatsGroupOf,
  monthWeeks,
  quarterWeeks,
  yearWeeks,
  type PeerMeasure,
  type WeekSpan,
} from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { parseNumber } from '../../input/numbers.ts';
import { rows } from '../db.ts';
import { readExtract, type Cell, type ExtractRow, type ExtractTable } from './extract-table.ts';
import type { Stager } from './import-run.ts';
import { parseMunicipality } from './municipality-names.ts';
import { FieldError, guarded, StageTable, UnknownValues } from './staging.ts';

/** A header as it is compared: lower case, single spaces. */
const headerKey = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');

/** The part of a header after its last ": " (the API's "Emne: Måling" labels), as a key. */
const shortKey = (header: string) => headerKey(header.slice(header.lastIndexOf(': ') + 1));

const AREA_COLUMNS = ['område', 'area', 'kommune'];
const PERIOD_COLUMNS = ['periode', 'tid', 'period'];
const BENEFIT_COLUMNS = ['ydelsesgrupper', 'ydelsesgruppe', 'ydelse'];

/** The measure of each measure column jobindsats writes (by `headerKey`). */
export const MEASURE_COLUMNS: Readonly<Record<string, PeerMeasure>> = {
  fuldtidspersoner: 'fullTimePersons',
  'antal fuldtidspersoner': 'fullTimePersons',
  'faktisk antal fuldtidspersoner': 'fullTimePersons',
  'faktisk antal': 'fullTimePersons',
  personer: 'persons',
  'antal personer': 'persons',
  'andel af arbejdsstyrken (pct.)': 'shareOfLabourForce',
  'fuldtidspersoner i pct. af arbejdsstyrken': 'shareOfLabourForce',
  'gennemsnitlig varighed (uger)': 'averageDurationWeeks',
  'andel i beskæftigelse 3 mdr. efter afsluttet forløb (pct.)': 'shareInWorkAfter3Months',
  'aktiveringsgrad (pct.)': 'activationRate',
  'forventet antal fuldtidspersoner': 'expectedFullTimePersons',
  'forventet antal': 'expectedFullTimePersons',
  arbejdsstyrken: 'labourForce',
  'arbejdsstyrken 16-66 år': 'labourForce',
  'befolkningen 16-66 år': 'population16to66',
};

const measureOf = (header: string): PeerMeasure | undefined =>
  MEASURE_COLUMNS[headerKey(header)] ?? MEASURE_COLUMNS[shortKey(header)];

const findColumn = (header: readonly string[], names: readonly string[]) =>
  header.findIndex((h) => names.includes(headerKey(h)));

const HEADER_EXPECTED =
  'a header row with the columns Område, Periode, Ydelsesgrupper and at least one measure: ' +
  [...new Set(Object.keys(MEASURE_COLUMNS))].join(', ');

/** Cells jobindsats writes for a value it does not show (missing or suppressed). */
const NOT_SHOWN = new Set(['', '-', '..', '.', '…']);

export const PERIOD_FORMAT =
  'a period such as 2024M09 (month), 2024K3 or 2024Q3 (quarter), 2024 (year) or 2024M01-2024M12';

function yearOf(text: string): number {
  const year = Number(text);
  if (year < 1990 || year > 2100) throw new FieldError(PERIOD_FORMAT);
  return year;
}

/** One month, quarter or year. */
function singlePeriod(text: string): WeekSpan {
  const month = /^(\d{4})M(\d{2})$/i.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return monthWeeks(yearOf(month[1]!), Number(month[2]));
  const quarter = /^(\d{4})[KQ]([1-4])$/i.exec(text);
  if (quarter) return quarterWeeks(yearOf(quarter[1]!), Number(quarter[2]));
  if (/^\d{4}$/.test(text)) return yearWeeks(yearOf(text));
  throw new FieldError(PERIOD_FORMAT);
}

/** A period (see the module comment) as its first and last week index. */
export function parsePeriod(text: string): WeekSpan {
  const range = /^(\S+)\s*-\s*(\S+)$/.exec(text.trim());
  if (!range) return singlePeriod(text.trim());
  const [from, to] = [singlePeriod(range[1]!), singlePeriod(range[2]!)];
  if (to.last < from.first) throw new FieldError(`${PERIOD_FORMAT}, its end not before its start`);
  return { first: from.first, last: to.last };
}

/** A measure's value; undefined for a cell jobindsats does not show. */
function parseValue(cell: Cell, measure: PeerMeasure): number | undefined {
  const fraction = FRACTION_MEASURES.has(measure);
  let value: number | null;
  if (typeof cell === 'number') value = cell;
  else {
    const text = (cell ?? '').trim();
    if (NOT_SHOWN.has(text)) return undefined;
    value = parseNumber(text);
  }
  if (value === null)
    throw new FieldError(`a number such as 1.234,5 (or "-" or ".." for a value not shown)`);
  if (fraction) {
    if (value < 0 || value > 100) throw new FieldError('a percentage from 0 to 100');
    // To 15 significant digits, which a percentage's decimals never reach: 1,3 % is 0.013, not the
    // 0.013000000000000001 that dividing by 100 gives.
    return Number((value / 100).toPrecision(15));
  }
  if (value < 0) throw new FieldError('a number of 0 or more');
  return value;
}

/** The figures' source: a table id in the titles or the file's name, 'synthetic', or 'jobindsats'. */
function sourceOf(table: ExtractTable, file: string): string {
  const text = [...table.titles, basename(file)].join(' ');
  const id = /(?:^|[^A-Za-z0-9])([A-Z]\d{2}[A-Z]\d{2})(?![A-Za-z0-9])/i.exec(text);
  if (id) return id[1]!.toUpperCase();
  return /syntetisk/i.test(table.titles.join(' ')) ? 'synthetic' : 'jobindsats';
}

export function jobindsatsStager(): Stager {
  return async (connection, context) => {
    const { file } = context;
    const problems = new ProblemList();
    const table = await readExtract(file, {
      isHeader: (cells) => findColumn(cells, AREA_COLUMNS) >= 0 && findColumn(cells, PERIOD_COLUMNS) >= 0,
      expected: HEADER_EXPECTED,
    });
    const { header } = table;
    const area = findColumn(header, AREA_COLUMNS);
    const period = findColumn(header, PERIOD_COLUMNS);
    const benefit = findColumn(header, BENEFIT_COLUMNS);
    const measures = header.flatMap((h, k) => {
      const measure = measureOf(h);
      return measure ? [{ k, measure }] : [];
    });
    const headerProblem = (column: string | undefined, expected: string) =>
      problems.add({
        file,
        ...table.place(table.headerLine, column),
        expected,
        found: header.join(table.delimiter ?? ';'),
      });
    if (benefit < 0) headerProblem('Ydelsesgrupper', `a column Ydelsesgrupper (${HEADER_EXPECTED})`);
    if (measures.length === 0) headerProblem(undefined, `at least one measure column (${HEADER_EXPECTED})`);
    for (const [k, m] of measures.entries()) {
      const before = measures.findIndex((n) => n.measure === m.measure);
      if (before < k)
        headerProblem(
          header[m.k]!,
          `one column per measure (column ${header[measures[before]!.k]} holds ${m.measure} too)`,
        );
    }
    problems.throwIfAny();

    const staged = await StageTable.create(connection, 'stage_peer_figures', {
      line: 'INTEGER',
      municipality: 'SMALLINT',
      benefit: 'VARCHAR',
      period_from: 'INTEGER',
      period_to: 'INTEGER',
      period: 'VARCHAR',
      measure: 'VARCHAR',
      value: 'DOUBLE',
    });
    const unknownBenefits = new UnknownValues();
    let aggregates = 0;
    let notShown = 0;
    const cellText = (row: ExtractRow, k: number) => String(row.cells[k] ?? '').trim();
    const parsed = <T>(row: ExtractRow, k: number, parse: () => T): T | undefined => {
      try {
        return parse();
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        problems.add(
          guarded({ file, ...table.place(row.line, header[k]), expected: error.message, found: cellText(row, k) }),
        );
        return undefined;
      }
    };
    try {
      for (const row of table.rows) {
        if (problems.count >= problems.limit) break;
        if (row.cells.length !== header.length) {
          problems.add({
            file,
            ...table.place(row.line),
            expected:
              table.delimiter === null
                ? `${header.length} values as in the header`
                : `${header.length} fields separated by "${table.delimiter}" as in the header`,
            found: `${row.cells.length} ${table.delimiter === null ? 'values' : 'fields'}`,
          });
          continue;
        }
        const municipality = parsed(row, area, () => parseMunicipality(cellText(row, area)));
        if (municipality === null) {
          aggregates++;
          continue;
        }
        const weeks = parsed(row, period, () => parsePeriod(cellText(row, period)));
        const group = jobindsatsGroupOf(cellText(row, benefit));
        if (group === undefined) unknownBenefits.add(cellText(row, benefit), row.line);
        const values = measures.map(({ k, measure }) => parsed(row, k, () => parseValue(row.cells[k] ?? null, measure)));
        if (municipality === undefined || weeks === undefined || group === undefined) continue;
        measures.forEach(({ k, measure }, j) => {
          const value = values[j];
          if (value === undefined) {
            if (NOT_SHOWN.has(cellText(row, k))) notShown++;
            return;
          }
          staged.add(row.line, municipality, group, weeks.first, weeks.last, cellText(row, period), measure, value);
        });
      }
    } finally {
      staged.close();
    }
    if (table.rows.length === 0)
      problems.add({
        file,
        ...table.place(table.headerLine + 1),
        expected: 'at least one row of data after the header',
        found: 'only the header',
      });
    // A benefit name that is not a group is said once, at its first row.
    unknownBenefits.report(
      problems,
      file,
      header[benefit]!,
      `a benefit group as jobindsats names it: ${JOBINDSATS_GROUP_NAMES.join(', ')} (or "I alt")`,
      (line) => table.place(line, header[benefit]),
    );
    problems.throwIfAny();

    const twice = await rows<{ line: number; first: number; period: string }>(
      connection,
      `SELECT max(line) AS line, min(line) AS first, any_value(period) AS period FROM temp.stage_peer_figures
       GROUP BY municipality, benefit, period_from, period_to HAVING count(DISTINCT line) > 1
       ORDER BY 1 LIMIT 100`,
    );
    for (const d of twice) {
      problems.add({
        file,
        ...table.place(d.line, header[period]),
        expected: `one row per municipality, benefit group and period (${table.form === 'json' ? 'Data row' : 'line'} ${d.first} has the same)`,
        found: d.period,
      });
    }
    problems.throwIfAny();

    const source = sourceOf(table, file);
    const [count] = await rows<{
      municipalities: number;
      groups: number;
      figures: number;
      first: number | null;
      last: number | null;
    }>(
      connection,
      `SELECT count(DISTINCT municipality) AS municipalities, count(DISTINCT benefit) AS groups,
              count(*) AS figures, min(period_from) AS first, max(period_to) AS last
       FROM temp.stage_peer_figures`,
    );
    const used = new Set([area, period, benefit, ...measures.map((m) => m.k)]);
    const ignored = header.filter((h, k) => !used.has(k) && h !== '');
    return {
      rows: table.rows.length,
      firstWeek: count?.first ?? null,
      lastWeek: count?.last ?? null,
      notes: [
        `${count?.figures ?? 0} figures of ${count?.municipalities ?? 0} municipalities and ${count?.groups ?? 0} benefit groups (source ${source}); read as ${table.readAs}`,
        ...(aggregates > 0 ? [`${aggregates} rows of the whole country or a region skipped`] : []),
        ...(notShown > 0 ? [`${notShown} values not shown by jobindsats ("-" or "..") left out`] : []),
        ...(ignored.length > 0 ? [`columns read past and not stored: ${ignored.join(', ')}`] : []),
        ...(table.titles.length + table.footnotes > 0
          ? [`${table.titles.length} title and ${table.footnotes} footnote lines read past`]
          : []),
      ],
      commit: async (c, importId) => {
        await c.run(`
          DELETE FROM peer_figures p WHERE EXISTS (
            SELECT 1 FROM temp.stage_peer_figures s
            WHERE s.municipality = p.municipality AND s.benefit = p.benefit AND s.period_from = p.period_from
              AND s.period_to = p.period_to AND s.measure = p.measure)`);
        await c.run(
          `INSERT INTO peer_figures (municipality, benefit, period_from, period_to, measure, value, source, import_id)
           SELECT municipality, benefit, period_from, period_to, measure, value, $1, $2 FROM temp.stage_peer_figures`,
          [source, importId],
        );
      },
    };
  };
}
