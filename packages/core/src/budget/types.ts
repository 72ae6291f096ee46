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
