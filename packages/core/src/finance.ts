/**
 * Investment appraisal of a stream of net flows (RULES.md §6).
 *
 * `flows[t]` is the net flow of period t, and period 0 is now: it is not discounted. A flow of period
 * t is discounted at an annual rate r by (1 + r)^(−t / periodsPerYear), so yearly flows
 * (`periodsPerYear` 1) and weekly flows (52, the product's weeks per year) share one formula and an
 * annual rate means the same thing in both.
 *
 * Payback is interpolated linearly inside the period where the cumulative net turns non-negative for
 * good: the flow of a period is taken to arrive evenly over it, which is what "3.33 years" means for
 * −100 followed by +30 a year. If the cumulative net dips below zero again later (a relapse), the
 * later crossing is the payback, because only then has the investment paid for itself.
 */

export interface Discounting {
  /** Annual discount rate as a fraction: 0.035 for 3.5 %. */
  readonly rate: number;
  /** Periods per year of the flows: 1 for yearly, 52 for weekly. Default 1. */
  readonly periodsPerYear?: number;
}

export class FinanceError extends Error {
  override readonly name = 'FinanceError';
}

function checkFlows(flows: readonly number[]): void {
  if (flows.length === 0) throw new FinanceError('there are no flows to appraise');
  flows.forEach((f, t) => {
    if (!Number.isFinite(f)) throw new FinanceError(`flow ${t} is not a finite number: ${f}`);
  });
}

function checkDiscounting({ rate, periodsPerYear = 1 }: Discounting): void {
  if (!Number.isFinite(rate) || rate <= -1)
    throw new FinanceError(`the discount rate must be above −100 %, found ${rate}`);
  if (!(periodsPerYear > 0))
    throw new FinanceError(`periods per year must be positive, found ${periodsPerYear}`);
}

/** (1 + rate)^(−period / periodsPerYear). */
export function discountFactor(period: number, { rate, periodsPerYear = 1 }: Discounting): number {
  return Math.pow(1 + rate, -period / periodsPerYear);
}

/** Each flow discounted to period 0. */
export function presentValues(flows: readonly number[], discounting: Discounting): number[] {
  checkDiscounting(discounting);
  return flows.map((f, t) => f * discountFactor(t, discounting));
}

/** Net present value: Σ flows[t] · (1 + r)^(−t / periodsPerYear). */
export function netPresentValue(flows: readonly number[], discounting: Discounting): number {
  checkFlows(flows);
  return presentValues(flows, discounting).reduce((a, b) => a + b, 0);
}

/** Running sums of the flows. */
export function cumulative(flows: readonly number[]): number[] {
  let sum = 0;
  return flows.map((f) => (sum += f));
}

/**
 * Periods until the cumulative flows turn non-negative for good, interpolated inside the period;
 * 0 if they never are negative, `null` if they end negative.
 */
export function paybackPeriods(flows: readonly number[]): number | null {
  checkFlows(flows);
  const cum = cumulative(flows);
  if ((cum.at(-1) ?? 0) < 0) return null;
  let lastNegative = -1;
  cum.forEach((c, t) => {
    if (c < 0) lastNegative = t;
  });
  if (lastNegative < 0) return 0;
  const before = cum[lastNegative] ?? 0;
  const next = flows[lastNegative + 1] ?? 0;
  return lastNegative + -before / next;
}

/** Payback of the discounted flows, in periods. */
export function discountedPaybackPeriods(flows: readonly number[], discounting: Discounting): number | null {
  return paybackPeriods(presentValues(flows, discounting));
}

/**
 * Internal rate of return: the annual rate at which the net present value is 0. The rate is sought on
 * a fine grid of ln(1 + r) from −99 % to +100,000 % and refined by bisection to machine precision; if
 * the net present value changes sign not exactly once on the grid, there is no unique rate and the
 * result is `null` (flows that change sign several times can have several rates, or none).
 */
export function internalRateOfReturn(flows: readonly number[], periodsPerYear = 1): number | null {
  checkFlows(flows);
  const npvAt = (x: number) => netPresentValue(flows, { rate: Math.expm1(x), periodsPerYear });
  const lo = Math.log(0.01);
  const hi = Math.log(1001);
  const steps = 2000;
  let bracket: [number, number] | null = null;
  let crossings = 0;
  let prevX = lo;
  let prev = npvAt(lo);
  for (let i = 1; i <= steps; i++) {
    const x = lo + ((hi - lo) * i) / steps;
    const v = npvAt(x);
    if (v === 0 || (prev !== 0 && Math.sign(v) !== Math.sign(prev))) {
      crossings++;
      bracket = [prevX, x];
    }
    prevX = x;
    prev = v;
  }
  if (crossings !== 1 || !bracket) return null;
  let [a, b] = bracket;
  let fa = npvAt(a);
  for (let i = 0; i < 200 && b - a > 1e-15; i++) {
    const m = (a + b) / 2;
    const fm = npvAt(m);
    if (fm === 0) return Math.expm1(m);
    if (Math.sign(fm) === Math.sign(fa)) {
      a = m;
      fa = fm;
    } else {
      b = m;
    }
  }
  return Math.expm1((a + b) / 2);
}

/**
 * The constant yearly amount over `years` years (paid at the end of each year) with the same present
 * value: NPV · r / (1 − (1 + r)^−n), or NPV / n at r = 0.
 */
export function equivalentAnnualNet(npv: number, rate: number, years: number): number {
  if (!(years > 0)) throw new FinanceError(`the horizon must be a positive number of years, found ${years}`);
  if (rate === 0) return npv / years;
  return (npv * rate) / (1 - Math.pow(1 + rate, -years));
}

/**
 * Switching value: the factor k by which the benefits must be multiplied for the net present value to
 * be 0, k = −PV(costs) / PV(benefits). Below k the investment does not pay; k · benefits is the
 * break-even benefit stream. `null` when the benefits have no present value.
 */
export function switchingFactor(
  costs: readonly number[],
  benefits: readonly number[],
  discounting: Discounting,
): number | null {
  const pvBenefits = netPresentValue(benefits, discounting);
  if (pvBenefits === 0) return null;
  return -netPresentValue(costs, discounting) / pvBenefits;
}

export interface Appraisal {
  readonly npv: number;
  /** Present value of the positive flows. */
  readonly pvInflows: number;
  /** Present value of the negative flows (a negative number). */
  readonly pvOutflows: number;
  readonly paybackYears: number | null;
  readonly discountedPaybackYears: number | null;
  readonly irr: number | null;
  readonly equivalentAnnualNet: number | null;
  /** Factor on the inflows at which the net present value is 0. */
  readonly switchingFactor: number | null;
}

/** The usual figures of an appraisal of net flows, period 0 being now. */
export function appraise(flows: readonly number[], discounting: Discounting): Appraisal {
  checkFlows(flows);
  checkDiscounting(discounting);
  const periodsPerYear = discounting.periodsPerYear ?? 1;
  const inflows = flows.map((f) => Math.max(f, 0));
  const outflows = flows.map((f) => Math.min(f, 0));
  const npv = netPresentValue(flows, discounting);
  const payback = paybackPeriods(flows);
  const discounted = discountedPaybackPeriods(flows, discounting);
  const years = (flows.length - 1) / periodsPerYear;
  return {
    npv,
    pvInflows: netPresentValue(inflows, discounting),
    pvOutflows: netPresentValue(outflows, discounting),
    paybackYears: payback === null ? null : payback / periodsPerYear,
    discountedPaybackYears: discounted === null ? null : discounted / periodsPerYear,
    irr: internalRateOfReturn(flows, periodsPerYear),
    equivalentAnnualNet: years > 0 ? equivalentAnnualNet(npv, discounting.rate, years) : null,
    switchingFactor: switchingFactor(outflows, inflows, discounting),
  };
}
