import { describe, expect, it } from 'vitest';
import { CostTable, costOccupancy } from '../jobinvest/costing.ts';
import { STEPS, type Occupancy } from '../jobinvest/projection.ts';
import type { RateTable } from '../rates.ts';
import { toYyyyww, weekIndexOf } from '../weeks.ts';
import {
  budgetMonths,
  buildBudget,
  BudgetError,
  defaultCostPerCaseworker,
  type BudgetHistory,
  type ForecastYearFigures,
} from './budget.ts';

/** Grundsats 10,400 kr a month in 2027 (2,400 kr a week), 4 % more in 2028: amounts chosen to divide evenly. */
const RATES: RateTable = {
  version: 'test-rates',
  rates: [
    {
      year: 2027,
      benefit: 'kontanthjaelp',
      variant: 'grundsats',
      amount: 10_400,
      unit: 'month',
      source: 'test',
      status: 'verified',
    },
    {
      year: 2028,
      benefit: 'kontanthjaelp',
      variant: 'grundsats',
      amount: 10_816,
      unit: 'month',
      source: 'test',
      status: 'verified',
    },
  ],
  regulation: [],
};

const STATES = ['kontanthjaelp_grundsats', 'sygedagpenge', 'out'];

/** `persons` on `state` at staircase step `step` in every week of 2027 and 2028 (ISO 2026 ends in week 53). */
function occupancy(persons: number, state: string, step: number): Occupancy {
  const startWeek = weekIndexOf(2026, 53);
  const horizon = 52 + 52;
  const values = new Float64Array((horizon + 1) * STATES.length * STEPS);
  const s = STATES.indexOf(state);
  for (let t = 1; t <= horizon; t++) values[(t * STATES.length + s) * STEPS + step] = persons;
  return { states: STATES, startWeek, horizon, persons: values };
}

/** The forecast rows (as the server's forecast makes them) of a costed occupancy. */
function forecastRows(occ: Occupancy): ForecastYearFigures[] {
  const costed = costOccupancy(occ, new CostTable({ rates: RATES }));
  return costed.byYearAndState
    .filter((r) => r.state !== 'out')
    .map((r) => ({
      year: r.year,
      weeks: costed.weeksByYear.get(r.year)!,
      state: r.state,
      fullTimePersons: r.fullTimePersons,
      gross: r.gross,
      stateRefusion: r.stateRefusion,
      cofinancing: r.cofinancing,
      municipalNet: r.municipalNet,
      fullTimePersonsInterval80: null,
      fullTimePersonsInterval95: null,
      municipalNetInterval80: null,
      municipalNetInterval95: null,
    }));
}

const NO_HISTORY: BudgetHistory = {
  from: 202601,
  to: 202652,
  fullTimePersons: {},
  activities: [],
  caseload: null,
  followedShare: {},
};

describe('the grundbudget’s income support', () => {
  it('is 52 weeks × 2,400 kr gross, 20 % refusion and 80 % net for one full-time person a year at step 53+', () => {
    const budget = buildBudget({
      budgetYear: 2027,
      forecast: forecastRows(occupancy(1, 'kontanthjaelp_grundsats', 4)),
      rates: RATES,
      history: NO_HISTORY,
    });
    const y = budget.groups.find((g) => g.benefit === 'kontanthjaelp_grundsats')!.years[0]!;
    expect(y.year).toBe(2027);
    expect(y.complete).toBe(true);
    expect(y.fullTimePersons.model).toBe(1);
    expect(y.incomeSupport.model.gross).toBeCloseTo(124_800, 6);
    expect(y.incomeSupport.model.refusion).toBeCloseTo(24_960, 6);
    expect(y.incomeSupport.model.cofinancing).toBe(0);
    expect(y.incomeSupport.model.net).toBeCloseTo(99_840, 6);
  });

  it('is 80 % refusion at step 1-4 (a fixed step)', () => {
    const budget = buildBudget({
      budgetYear: 2027,
      forecast: forecastRows(occupancy(2, 'kontanthjaelp_grundsats', 1)),
      rates: RATES,
      history: NO_HISTORY,
    });
    const y = budget.groups[0]!.years[0]!;
    expect(y.incomeSupport.model.gross).toBeCloseTo(2 * 124_800, 6);
    expect(y.incomeSupport.model.refusion).toBeCloseTo(2 * 99_840, 6);
    expect(y.incomeSupport.model.net).toBeCloseTo(2 * 24_960, 6);
  });

  it('equals the forecast’s costing in the budget year and is in the budget year’s prices after it', () => {
    const rows = forecastRows(occupancy(3, 'kontanthjaelp_grundsats', 3));
    const budget = buildBudget({ budgetYear: 2027, forecast: rows, rates: RATES, history: NO_HISTORY });
    const [y2027, y2028] = budget.groups[0]!.years;
    const row2027 = rows.find((r) => r.year === 2027)!;
    expect(y2027!.incomeSupport.model).toEqual({
      gross: row2027.gross,
      refusion: row2027.stateRefusion,
      cofinancing: row2027.cofinancing,
      net: row2027.municipalNet,
    });
    // 2028 is costed at 2,496 kr a week in the forecast; in 2027 prices it is 2,400 again.
    expect(rows.find((r) => r.year === 2028)!.gross).toBeCloseTo(3 * 52 * 2_496, 6);
    expect(y2028!.priceFactor).toBeCloseTo(2_400 / 2_496, 12);
    expect(y2028!.incomeSupport.model.gross).toBeCloseTo(3 * 52 * 2_400, 6);
    expect(y2028!.incomeSupport.model.net).toBeCloseTo(0.7 * 3 * 52 * 2_400, 6);
    expect(budget.priceLevel.note).toContain('2027 prices');
  });

  it('keeps the model’s figure beside the adopted one, the adopted scaled by the expected change', () => {
    const budget = buildBudget({
      budgetYear: 2027,
      forecast: forecastRows(occupancy(10, 'kontanthjaelp_grundsats', 4)),
      rates: RATES,
      history: NO_HISTORY,
      adjustments: { fullTimePersonsChange: { kontanthjaelp_grundsats: -0.1 } },
    });
    const y = budget.groups[0]!.years[0]!;
    expect(y.fullTimePersons.model).toBeCloseTo(10, 12);
    expect(y.fullTimePersons.adopted).toBeCloseTo(9, 12);
    expect(y.incomeSupport.model.net).toBeCloseTo(998_400, 6);
    expect(y.incomeSupport.adopted.net).toBeCloseTo(898_560, 6);
    expect(budget.summary[0]!.net.adopted).toBeCloseTo(898_560, 6);
  });

  it('shares the budget year out over its months by the persons in each month’s weeks, adding up to the year', () => {
    const rows = forecastRows(occupancy(1, 'kontanthjaelp_grundsats', 4));
    const budget = buildBudget({ budgetYear: 2027, forecast: rows, rates: RATES, history: NO_HISTORY });
    const weekly = Array.from({ length: 52 }, (_, i) => ({
      week: toYyyyww(weekIndexOf(2027, i + 1)),
      persons: { kontanthjaelp_grundsats: 1 },
    }));
    const months = budgetMonths(budget, weekly, 2027);
    const group = months.filter((m) => m.benefit === 'kontanthjaelp_grundsats');
    expect(group).toHaveLength(12);
    // January 2027 has 4 weeks whose Thursday falls in it (the 7th, 14th, 21st, 28th); four months have 5.
    expect(group[0]!.gross).toBeCloseTo(4 * 2_400, 6);
    expect(group.reduce((s, m) => s + m.net, 0)).toBeCloseTo(99_840, 6);
    expect(group.filter((m) => Math.abs(m.gross - 5 * 2_400) < 1e-6)).toHaveLength(4);
  });
});

describe('activities and administration', () => {
  const history: BudgetHistory = {
    from: 202601,
    to: 202652,
    fullTimePersons: { kontanthjaelp_grundsats: 4 },
    activities: [
      { benefit: 'kontanthjaelp_grundsats', type: 'virksomhedspraktik', weeks: 40, cost: 40 * 500 },
      { benefit: 'kontanthjaelp_grundsats', type: 'mentor', weeks: 8, cost: null },
    ],
    caseload: 50,
    followedShare: { kontanthjaelp_grundsats: 1 },
  };

  it('keep the history’s activation weeks per full-time person at its cost per week, or the price given', () => {
    const forecast = forecastRows(occupancy(8, 'kontanthjaelp_grundsats', 4));
    const model = buildBudget({ budgetYear: 2027, forecast, rates: RATES, history });
    const y = model.groups[0]!.years[0]!;
    const praktik = y.activities.find((a) => a.type === 'virksomhedspraktik')!;
    expect(praktik.weeks.model).toBeCloseTo(80, 9);
    expect(praktik.kr.model).toBeCloseTo(40_000, 6);
    const mentor = y.activities.find((a) => a.type === 'mentor')!;
    expect(mentor.kr.model).toBeNull();
    expect(y.unpricedActivities).toEqual(['mentor']);
    const adjusted = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history,
      adjustments: { activityPricePerWeek: { mentor: 1_000 } },
    });
    expect(adjusted.groups[0]!.years[0]!.activitiesKr).toEqual({
      model: 40_000,
      adopted: 40_000 + 16 * 1_000,
    });
  });

  it('prices the default cost per caseworker from its source: 482,946 kr. in 2022, 3 % a year, 15 % overhead', () => {
    // 482,946 × 1.03^5 × 1.15 = 643,846.6, to the nearest 1,000.
    expect(defaultCostPerCaseworker(2027)).toBe(644_000);
    // 482,946 × 1.15 = 555,387.9.
    expect(defaultCostPerCaseworker(2022)).toBe(555_000);
  });

  it('needs full-time persons / caseload caseworkers, at the default cost per caseworker or the one given', () => {
    const forecast = forecastRows(occupancy(100, 'kontanthjaelp_grundsats', 4));
    const byDefault = buildBudget({ budgetYear: 2027, forecast, rates: RATES, history });
    const admin = byDefault.groups[0]!.years[0]!.administration;
    expect(admin.caseworkers.model).toBeCloseTo(2, 9);
    expect(admin.costPerCaseworker).toEqual({ model: 644_000, adopted: 644_000 });
    expect(admin.kr.adopted).toBeCloseTo(1_288_000, 6);
    expect(admin.notEstimated).toBeNull();
    const withCost = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history,
      adjustments: { caseload: 40, costPerCaseworker: 600_000 },
    });
    const a = withCost.groups[0]!.years[0]!.administration;
    expect(a.caseworkers).toEqual({ model: 2, adopted: 2.5 });
    expect(a.costPerCaseworker).toEqual({ model: 644_000, adopted: 600_000 });
    expect(a.kr).toEqual({ model: 2 * 644_000, adopted: 1_500_000 });
    expect(withCost.groups[0]!.years[0]!.net.adopted).toBeCloseTo(100 * 99_840 + 1_000 * 500 + 1_500_000, 4);
    const noCaseload = buildBudget({ budgetYear: 2027, forecast, rates: RATES, history: NO_HISTORY });
    expect(noCaseload.groups[0]!.years[0]!.administration.kr).toEqual({ model: null, adopted: null });
    expect(noCaseload.groups[0]!.years[0]!.administration.notEstimated).toMatch(
      /^not estimated: there are no caseworker data/,
    );
  });

  it('counts caseworkers only for the share of a group’s persons who have one', () => {
    const forecast = forecastRows(occupancy(100, 'kontanthjaelp_grundsats', 4));
    const half = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history: { ...history, followedShare: { kontanthjaelp_grundsats: 0.5 } },
    });
    expect(half.groups[0]!.years[0]!.administration.caseworkers.model).toBeCloseTo(1, 9);
  });

  it('leaves work, SU and what the state alone pays out of the budget, and says so', () => {
    const occ = occupancy(1, 'kontanthjaelp_grundsats', 4);
    const rows = forecastRows(occ);
    const budget = buildBudget({
      budgetYear: 2027,
      forecast: [
        ...rows,
        ...rows.map((r) => ({ ...r, state: 'efterloen' })),
        ...rows.map((r) => ({ ...r, state: 'job' })),
      ],
      rates: RATES,
      history: NO_HISTORY,
    });
    expect(budget.groups.map((g) => g.benefit)).toEqual(['kontanthjaelp_grundsats']);
    expect(budget.assumptions[0]).toMatch(
      /^Left out of the budget, as the municipality neither pays nor co-finances the benefit: /,
    );
  });

  it('shows beskæftigelsestilskud and budgetgaranti beside the budget with their bands, never netted', () => {
    // 100 full-time persons on kontanthjælp at step 4 (net 99,840 kr. each in 2027) and 10 on
    // sygedagpenge, which neither line covers.
    const forecast = [
      ...forecastRows(occupancy(100, 'kontanthjaelp_grundsats', 4)),
      ...forecastRows(occupancy(10, 'sygedagpenge', 4)),
    ];
    const coveredBands = [
      {
        key: 'budgetgaranti' as const,
        year: 2027,
        band80: [9e6, 11e6] as const,
        band95: [8e6, 12e6] as const,
      },
    ];
    const budget = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history: NO_HISTORY,
      coveredBands,
    });
    expect(budget.separate.map((s) => s.key)).toEqual(['beskaeftigelsestilskud', 'budgetgaranti']);
    const [grant, guarantee] = budget.separate;
    expect(grant!.groups).toEqual([]);
    expect(grant!.years[0]!.covered).toEqual({ model: 0, adopted: 0 });
    expect(guarantee!.groups).toEqual(['kontanthjaelp_grundsats']);
    const y = guarantee!.years[0]!;
    expect(y.covered.model).toBeCloseTo(9_984_000, 4);
    // The estimate: the municipality keeps its share, so the guarantee covers its own net.
    expect(y.grant.model).toBeCloseTo(9_984_000, 4);
    expect(y.announced).toBe(false);
    expect(y.balance).toBeCloseTo(0, 6);
    expect(y.coveredBand80).toEqual([9e6, 11e6]);
    expect(y.balanceBand80![0]).toBeCloseTo(9_984_000 - 11e6, 4);
    expect(y.balanceBand80![1]).toBeCloseTo(9_984_000 - 9e6, 4);
    expect(y.balanceBand95![0]).toBeCloseTo(9_984_000 - 12e6, 4);
    // No bands for the overslagsår: none given.
    expect(guarantee!.years[1]!.coveredBand80).toBeNull();
    // Never netted: the budget's net is the income support's.
    expect(budget.summary[0]!.net.adopted).toBe(budget.summary[0]!.incomeSupport.adopted.net);

    // 10 % fewer on kontanthjælp locally moves the net, not the guarantee; an announced figure replaces the estimate.
    const adjusted = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history: NO_HISTORY,
      coveredBands,
      adjustments: {
        fullTimePersonsChange: { kontanthjaelp_grundsats: -0.1 },
        announced: { budgetgaranti: { '2028': 10_000_000 } },
      },
    });
    const [a2027, a2028] = adjusted.separate[1]!.years;
    expect(a2027!.covered.adopted).toBeCloseTo(8_985_600, 4);
    expect(a2027!.grant).toEqual({ model: a2027!.covered.model, adopted: a2027!.covered.model });
    expect(a2027!.balance).toBeCloseTo(998_400, 4);
    expect(a2027!.coveredBand80![0]).toBeCloseTo(9e6 - 998_400, 4);
    expect(a2028!.announced).toBe(true);
    expect(a2028!.grant.adopted).toBe(10_000_000);
    expect(a2028!.balance).toBeCloseTo(10_000_000 - a2028!.covered.adopted, 4);
    expect(() =>
      buildBudget({
        budgetYear: 2027,
        forecast,
        rates: RATES,
        history: NO_HISTORY,
        adjustments: { announced: { budgetgaranti: { '2035': 1 } } },
      }),
    ).toThrow("announced.budgetgaranti.2035: expected one of the budget's years 2027, 2028, 2029, 2030");
  });

  it('refuses an adjustment out of range, saying which and what was found', () => {
    expect(() =>
      buildBudget({ budgetYear: 2027, forecast: [], rates: RATES, history, adjustments: { caseload: 0 } }),
    ).toThrow(BudgetError);
    expect(() =>
      buildBudget({
        budgetYear: 2027,
        forecast: [],
        rates: RATES,
        history,
        adjustments: { fullTimePersonsChange: { x: -2 } },
      }),
    ).toThrow('fullTimePersonsChange.x: expected a share from −1 to 10, found -2');
  });
});

describe('the investeringskalkule', () => {
  const forecast = forecastRows(occupancy(20, 'kontanthjaelp_grundsats', 4));
  const history: BudgetHistory = {
    ...NO_HISTORY,
    caseload: 25,
    followedShare: { kontanthjaelp_grundsats: 1 },
  };

  it('adds exactly its costs for a case with no effect', () => {
    const budget = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history,
      adjustments: { costPerCaseworker: 500_000 },
      cases: [
        {
          id: 7,
          name: 'no effect',
          benefit: 'kontanthjaelp_grundsats',
          years: [
            {
              year: 2027,
              without: 300_000,
              with: 300_000 + 45_000,
              interventionCost: 45_000,
              stateDifference: 0,
              fullTimePersonsMoved: 0,
            },
            {
              year: 2028,
              without: 250_000,
              with: 250_000 + 5_000,
              interventionCost: 5_000,
              stateDifference: 0,
              fullTimePersonsMoved: 0,
            },
          ],
        },
      ],
    });
    const diff = budget.withCases.map((y) => y.with.net - y.without.net);
    expect(diff).toEqual([45_000, 5_000, 0, 0]);
    expect(budget.withCases[0]!.with.incomeSupport).toEqual(budget.withCases[0]!.without.incomeSupport);
    expect(budget.cases[0]!.years[0]!.activitiesKr).toBe(45_000);
  });

  it('books a case’s change in income support and administration on the same lines, several cases together', () => {
    const caseYears = (scaleBy: number) => [
      {
        year: 2027,
        without: 1_000_000 * scaleBy,
        // 10,000 kr cost, 80,000 kr less municipal net, 20,000 kr less from the state.
        with: (1_000_000 - 80_000 + 10_000) * scaleBy,
        interventionCost: 10_000 * scaleBy,
        stateDifference: -20_000 * scaleBy,
        fullTimePersonsMoved: 1 * scaleBy,
      },
    ];
    const budget = buildBudget({
      budgetYear: 2027,
      forecast,
      rates: RATES,
      history,
      adjustments: { costPerCaseworker: 500_000 },
      cases: [
        { id: 1, name: 'a', benefit: 'kontanthjaelp_grundsats', years: caseYears(1) },
        { id: 2, name: 'b', benefit: 'kontanthjaelp_grundsats', years: caseYears(2) },
      ],
    });
    const a = budget.cases[0]!.years[0]!;
    expect(a.incomeSupport).toEqual({ gross: -100_000, refusion: -20_000, cofinancing: 0, net: -80_000 });
    expect(a.administrationKr).toBeCloseTo(-20_000, 9);
    expect(a.net).toBeCloseTo(10_000 - 80_000 - 20_000, 9);
    const y = budget.withCases[0]!;
    expect(y.with.fullTimePersons).toBeCloseTo(y.without.fullTimePersons - 3, 9);
    expect(y.with.net - y.without.net).toBeCloseTo(3 * -90_000, 6);
    expect(y.with.incomeSupport.gross - y.without.incomeSupport.gross).toBeCloseTo(-300_000, 6);
  });
});
