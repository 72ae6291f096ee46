import { describe, expect, it } from 'vitest';
import { SHIPPED_RATES } from '../rates.ts';
import { CostTable } from './costing.ts';

/** The assumptions of a cost table after pricing each state in `year`. */
function assumptionsAfter(costs: CostTable, states: readonly string[], year: number): string[] {
  for (const state of states) costs.weekly(state, year);
  return costs.assumptions;
}

const month = (kr: number) => (kr * 12) / 52;

describe('the cost table: what its prices rest on, in words', () => {
  const own = { kontanthjaelp_forhoejet: 250_000 };

  it('says it in English by default', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, ownCostPerYear: own });
    expect(
      assumptionsAfter(costs, ['kontanthjaelp_forhoejet', 'revalidering', 'sygedagpenge'], 2026),
    ).toEqual([
      "Social assistance, higher rate: the municipality's own cost, 250.000 kr. per full-time person per year.",
      'Vocational rehabilitation: priced at the rate of unemployment insurance benefit, assumed.',
      "Sickness benefit in 2026: the 2025 rate (4.865 kr. per week, secondary) regulated forward by the satsregulering to each year's prices.",
      "The satsregulering: 4,5 % in 2026 (derived); each year's amount is rounded to whole kroner.",
      "Amounts are in current prices: each year's amounts are in that year's prices (2027 amounts in 2027 prices).",
    ]);
  });

  it('says it in Danish, with Danish names and numbers, when asked', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, ownCostPerYear: own, language: 'da' });
    expect(
      assumptionsAfter(costs, ['kontanthjaelp_forhoejet', 'revalidering', 'sygedagpenge'], 2026),
    ).toEqual([
      'Kontanthjælp, forhøjet sats: kommunens egen udgift, 250.000 kr. pr. fuldtidsperson pr. år.',
      'Revalidering / forrevalidering: prissat med satsen for a-dagpenge mv., en antagelse.',
      'Sygedagpenge i 2026: 2025-satsen (4.865 kr. pr. uge, sekundær kilde) fremskrevet med satsreguleringen til hvert års priser.',
      'Satsreguleringen: 4,5 % i 2026 (afledt); hvert års beløb afrundes til hele kroner.',
      'Beløbene er i løbende priser: hvert års beløb er i det års priser (fx 2027-beløb i 2027-priser).',
    ]);
    expect(costs.notices).toEqual(['Satser for 2026 er fremskrevet fra 2025 med satsreguleringen.']);
  });
});

describe('the cost table: prices of today', () => {
  it('prices 2027 with the regulated rate and says so in one line', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, language: 'da' });
    // Grundsats 7,205 (2025) × 1.045 → 7,529 (2026) × 1.045 → 7,868 kr a month (2027, estimated percentage).
    expect(costs.weekly('kontanthjaelp_grundsats', 2027)).toMatchObject({ priceYear: 2027 });
    expect(costs.weekly('kontanthjaelp_grundsats', 2027)?.amount).toBeCloseTo(month(7_868), 9);
    expect(costs.notices).toEqual([
      'Satser for 2027 er fremskrevet fra 2025 med satsreguleringen, der for 2027 er skønnet.',
    ]);
    expect(costs.assumptions).toContain(
      'Satsreguleringen: 4,5 % i 2026 (afledt), 4,5 % i 2027 (skønnet); hvert års beløb afrundes til hele kroner.',
    );
  });

  it('says the notice in English for English results, over several years and bases', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES });
    for (const year of [2026, 2027, 2028]) {
      costs.weekly('adagpenge', year);
      costs.weekly('ressourceforloeb', year);
    }
    expect(costs.notices).toEqual([
      'Rates for 2026-2028 are regulated forward from 2024 and 2026 by the satsregulering, estimated for 2027-2028.',
    ]);
  });

  it("has no notice when every year is the table's own", () => {
    const costs = new CostTable({ rates: SHIPPED_RATES });
    costs.weekly('adagpenge', 2026);
    costs.weekly('kontanthjaelp_grundsats', 2025);
    expect(costs.notices).toEqual([]);
  });

  it('prices ledighedsydelse at its own rate, not the dagpenge rate', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES });
    expect(costs.weekly('ledighedsydelse', 2024)?.amount).toBe(4_185);
  });

  it('prices a group merged away by its successor after its rate has ended', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, language: 'da' });
    // Uddannelseshjælp's persons are on grundsats from 2025-W27: 7,529 kr a month in 2026.
    expect(costs.weekly('uddannelseshjaelp', 2026)?.amount).toBeCloseTo(month(7_529), 9);
    // In 2025 the old rate still applies: 6,754 (2024) × 1.036 = 6,997.1 → 6,997.
    expect(costs.weekly('uddannelseshjaelp', 2025)?.amount).toBeCloseTo(month(6_997), 9);
    expect(costs.assumptions).toContain(
      'Uddannelseshjælp: efter at gruppens sats er ophørt, prissat som kontanthjælp, grundsats, som gruppens personer fortsætter på.',
    );
  });

  it('carries the first amount back unregulated to a year before the table, and says so', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, language: 'da' });
    expect(costs.weekly('adagpenge', 2021)).toMatchObject({ priceYear: 2022 });
    expect(costs.weekly('adagpenge', 2021)?.amount).toBeCloseTo(month(19_351), 9);
    expect(costs.notices).toEqual(['Satser for 2021 er 2022-satser uden regulering.']);
  });

  it('does not price the forhøjet sats before the reform', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, language: 'da' });
    expect(costs.weekly('kontanthjaelp_forhoejet', 2023)).toBeNull();
    expect(costs.assumptions).toContain(
      'Kontanthjælp, forhøjet sats i 2023: ikke prissat, da satsen først gælder fra 2025; regnet som 0 kr.',
    );
  });
});
