/** Kroner of one budget line: gross, the state's refusion, municipal co-financing of benefits others pay, municipal net. */
export interface BudgetAmounts {
  readonly gross: number;
  readonly refusion: number;
  readonly cofinancing: number;
  /** What the municipality pays: gross − refusion for benefits it pays, the co-financing for benefits others pay. */
  readonly net: number;
}

/** One benefit group's income support in one month (`YYYY-MM`). */
export interface MonthlyAmounts extends BudgetAmounts {
  readonly benefit: string;
  readonly month: string;
}

/** A `Ydelse` name of the Ydelsesrefusion lines that KOMBIT_YDELSER lacks, with its amounts. */
// A type alias, not an interface: the store's rows are records (`Row`), which an interface is not.
export type UnmappedYdelse = {
  readonly name: string;
  readonly lines: number;
  readonly persons: number;
  readonly gross: number;
  readonly refusion: number;
  readonly cofinancing: number;
};

/** GET /api/budget/followup and `jobinvest budget-followup --json`: budget against realised. */
export interface FollowUpMonthView {
  readonly month: string;
  readonly budget: BudgetAmounts;
  /** `null`: after the last whole month, or withheld. */
  readonly realised: BudgetAmounts | null;
  readonly withheld: boolean;
}

export interface FollowUpLineView {
  readonly benefit: string;
  readonly budget: BudgetAmounts;
  readonly budgetToDate: BudgetAmounts;
  /** `null` when the line rests on few persons and is withheld. */
  readonly realisedToDate: BudgetAmounts | null;
  readonly projectedYearEnd: BudgetAmounts | null;
  readonly deviation: number | null;
  readonly deviationShare: number | null;
  readonly flagged: boolean | null;
  readonly withheld: boolean;
  readonly months: readonly FollowUpMonthView[];
}

export interface FollowUpReport {
  readonly municipality: number;
  readonly year: number;
  /** The last whole month compared, `YYYY-MM`. */
  readonly throughMonth: string;
  /** The last week with Ydelsesrefusion lines of the municipality (YYYYWW), `null` without any. */
  readonly lastWeek: number | null;
  readonly threshold: number;
  readonly lines: readonly FollowUpLineView[];
  /** `Ydelse` names of the municipality's lines that KOMBIT_YDELSER lacks, with their amounts. */
  readonly unmapped: readonly (
    | UnmappedYdelse
    | (Omit<UnmappedYdelse, 'gross' | 'refusion' | 'cofinancing'> & {
        gross: null;
        refusion: null;
        cofinancing: null;
      })
  )[];
  /**
   * Budget lines Ydelsesrefusion does not settle (førtidspension before 1 July 2014, fleksjob before
   * 2013), with the year's budget: not compared, named so the reader knows what the lines leave out.
   */
  readonly outside: readonly { readonly benefit: string; readonly budget: BudgetAmounts }[];
  readonly suppressed: { readonly threshold: number | null; readonly withheld: number };
  /** How the figures were made, in words, for the page, the workbook and the command. */
  readonly rule: string;
}
