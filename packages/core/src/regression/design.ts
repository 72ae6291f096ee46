/**
 * Design matrices from the columns of a table, as R's `model.matrix` builds them with its default
 * treatment contrasts (`contr.treatment`): a numeric covariate is one column as it is; a categorical
 * covariate becomes one 0/1 indicator column per level except the first, which is the reference, and
 * the columns are named covariate + level (`sexmale`, `cyl6`) as R names them when the factor is a
 * column of the data frame. Without an intercept the first categorical covariate keeps all its
 * levels, as in R's `y ~ 0 + f`.
 *
 * Used by the GLM and meant for the Cox model and the CLI, so that `--covariates sex,age` means the
 * same columns everywhere.
 */

/** The values of one column: numbers, or strings for a categorical covariate. */
export type ColumnValues = readonly number[] | readonly string[];

/** A table held column by column, as DuckDB returns an aggregated query. */
export type Table = Readonly<Record<string, ColumnValues>>;

export interface DesignOptions {
  /** Include the `(Intercept)` column of ones first (default true). */
  intercept?: boolean;
  /**
   * Numeric columns to treat as categorical, like `factor(cyl)` in an R formula; their levels sort
   * numerically and are named by JavaScript's shortest round-trip form (`6`, `2.5`).
   */
  categorical?: readonly string[];
  /**
   * The levels of a categorical column in the order to use, first the reference, like
   * `factor(x, levels = …)`. Every value in the column must be among them; a level with no rows gives
   * an all-zero column, which a model fit reports as aliased.
   */
  levels?: Readonly<Record<string, readonly (string | number)[]>>;
}

/** How one covariate became columns of the design matrix. */
export type DesignTerm =
  | { covariate: string; kind: 'numeric'; columns: readonly number[] }
  | {
      covariate: string;
      kind: 'categorical';
      /** Design-matrix column indices, one per level after the reference (one per level if none). */
      columns: readonly number[];
      levels: readonly string[];
      /** The level without a column of its own, or null when every level has one (no intercept). */
      reference: string | null;
    };

/** A model matrix stored column by column (`columns[j][i]` is row i of column `names[j]`). */
export interface DesignMatrix {
  names: readonly string[];
  columns: readonly Float64Array[];
  nRows: number;
  /** Whether column 0 is `(Intercept)`, all ones. */
  hasIntercept: boolean;
  terms: readonly DesignTerm[];
}

export class DesignError extends Error {
  override name = 'DesignError';
}

export const INTERCEPT = '(Intercept)';

/**
 * The design matrix of `covariates` (column names of `table`, in order) with treatment contrasts.
 *
 * Levels of a string column are its distinct values sorted by {@link compareLevels}, the order R's
 * `factor()` gives them in a UTF-8 locale; the first is the reference. Missing values are refused
 * rather than dropped (R's `na.omit`): drop those rows before, so the rows of the matrix stay the
 * rows of the table.
 */
export function designMatrix(
  table: Table,
  covariates: readonly string[],
  options: DesignOptions = {},
): DesignMatrix {
  const intercept = options.intercept ?? true;
  const categorical = new Set(options.categorical ?? []);
  for (const name of [...categorical, ...Object.keys(options.levels ?? {})]) {
    if (!covariates.includes(name))
      throw new DesignError(
        `"${name}" is given levels or marked categorical but is not among the covariates`,
      );
  }
  const nRows = tableRows(table, covariates);

  const names: string[] = [];
  const columns: Float64Array[] = [];
  const terms: DesignTerm[] = [];
  if (intercept) {
    names.push(INTERCEPT);
    columns.push(new Float64Array(nRows).fill(1));
  }
  let fullCodingUsed = intercept;

  for (const covariate of covariates) {
    const values = table[covariate] as ColumnValues;
    const explicitLevels = options.levels?.[covariate];
    const isString = values.length > 0 && typeof values[0] === 'string';
    if (!isString && !categorical.has(covariate) && explicitLevels === undefined) {
      const column = new Float64Array(nRows);
      for (let i = 0; i < nRows; i++) {
        const v = values[i];
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new DesignError(`${covariate}, row ${i + 1}: expected a finite number, found ${String(v)}`);
        column[i] = v;
      }
      terms.push({ covariate, kind: 'numeric', columns: [columns.length] });
      names.push(covariate);
      columns.push(column);
      continue;
    }

    const labels = levelLabels(covariate, values, isString);
    const levels =
      explicitLevels === undefined ? distinctSorted(labels, isString) : explicitLevels.map(String);
    if (new Set(levels).size !== levels.length)
      throw new DesignError(`${covariate}: the levels given repeat a value`);
    const index = new Map(levels.map((level, k) => [level, k]));
    const codes = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const k = index.get(labels[i] as string);
      if (k === undefined)
        throw new DesignError(
          `${covariate}, row ${i + 1}: "${labels[i]}" is not among the levels (${levels.join(', ')})`,
        );
      codes[i] = k;
    }
    const first = fullCodingUsed ? 1 : 0;
    if (levels.length - first < 1)
      throw new DesignError(
        `${covariate}: a categorical covariate needs at least 2 levels, found ${levels.length} (${levels.join(', ')})`,
      );
    const termColumns: number[] = [];
    for (let k = first; k < levels.length; k++) {
      const column = new Float64Array(nRows);
      for (let i = 0; i < nRows; i++) if (codes[i] === k) column[i] = 1;
      termColumns.push(columns.length);
      names.push(covariate + levels[k]);
      columns.push(column);
    }
    terms.push({
      covariate,
      kind: 'categorical',
      columns: termColumns,
      levels,
      reference: first === 1 ? (levels[0] as string) : null,
    });
    fullCodingUsed = true;
  }
  return { names, columns, nRows, hasIntercept: intercept, terms };
}

/** The common length of the covariate columns; every covariate must be a column of the table. */
function tableRows(table: Table, covariates: readonly string[]): number {
  let nRows: number | undefined;
  for (const covariate of covariates) {
    const values = table[covariate];
    if (values === undefined)
      throw new DesignError(
        `no column "${covariate}" in the table (columns: ${Object.keys(table).join(', ')})`,
      );
    if (nRows === undefined) nRows = values.length;
    else if (values.length !== nRows)
      throw new DesignError(`column "${covariate}" has ${values.length} rows, expected ${nRows}`);
  }
  if (nRows !== undefined) return nRows;
  const first = Object.values(table)[0];
  if (first === undefined)
    throw new DesignError('the table has no columns, so its number of rows is unknown');
  return first.length;
}

/** The values of a categorical column as level labels, numbers written as JavaScript writes them. */
function levelLabels(covariate: string, values: ColumnValues, isString: boolean): string[] {
  return Array.from(values as readonly unknown[], (v, i) => {
    if (isString ? typeof v !== 'string' : typeof v !== 'number' || !Number.isFinite(v))
      throw new DesignError(
        `${covariate}, row ${i + 1}: expected ${isString ? 'a string' : 'a finite number'}, found ${String(v)}`,
      );
    return String(v);
  });
}

function distinctSorted(labels: readonly string[], isString: boolean): string[] {
  const distinct = [...new Set(labels)];
  return isString ? distinct.sort(compareLevels) : distinct.sort((a, b) => Number(a) - Number(b));
}

/**
 * Printable ASCII in the order of the Unicode collation algorithm's root table (CLDR), which is how
 * R sorts strings in a UTF-8 locale (R collates with ICU unless the locale is C or POSIX): space and
 * punctuation, symbols, digits, then letters with lower case before upper case. Read off R 4.2.2:
 * `sort(sapply(32:126, function(i) rawToChar(as.raw(i))))`.
 */
const ROOT_ORDER =
  ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

const PRIMARY = new Int16Array(128).fill(-1);
const LOWER_CASE_FIRST = new Int8Array(128);
for (let k = 0, rank = 0; k < ROOT_ORDER.length; k++) {
  const code = ROOT_ORDER.charCodeAt(k);
  const isUpper = code >= 65 && code <= 90;
  if (!isUpper) rank++;
  PRIMARY[code] = rank;
  LOWER_CASE_FIRST[code] = isUpper ? 1 : 0;
}

/** Primary weight: ASCII by the root table; other characters after all ASCII, by code point. */
const primaryWeight = (code: number) =>
  code < 128 && PRIMARY[code] !== -1 ? (PRIMARY[code] as number) : 1000 + code;
const caseWeight = (code: number) => (code < 128 ? (LOWER_CASE_FIRST[code] as number) : 0);

/**
 * Compare two level labels as R's `sort()` (hence `factor()`) does in a UTF-8 locale such as en_US
 * or C.UTF-8, for ASCII strings: letters compare case-blind first (`a` < `B` < `c`), punctuation
 * before digits before letters, and only strings equal apart from case are decided by the first
 * difference in case, lower case first (`aA` < `Aa`). Digits compare as characters, so `a10` < `a2`.
 *
 * Why not code-point order: that is R's order only under `LC_COLLATE=C`, where `B` < `a`; reference
 * levels chosen that way would differ from what most R sessions report. Other locales differ again
 * (Danish collation puts upper case first and sorts `aa` as `å`), and non-ASCII characters sort here
 * after all ASCII by code point; where the reference level matters, pass the levels explicitly.
 */
export function compareLevels(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = primaryWeight(a.charCodeAt(i)) - primaryWeight(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < n; i++) {
    const d = caseWeight(a.charCodeAt(i)) - caseWeight(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
