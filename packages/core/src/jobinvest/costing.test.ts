import { describe, expect, it } from 'vitest';
import { SHIPPED_RATES } from '../rates.ts';
import { CostTable } from './costing.ts';

/** The assumptions of a cost table after pricing each state in `year`. */
function assumptionsAfter(costs: CostTable, states: readonly string[], year: number): string[] {
  for (const state of states) costs.weekly(state, year);
  return costs.assumptions;
}

describe('the cost table: what its prices rest on, in words', () => {
  const own = { kontanthjaelp_forhoejet: 250_000 };

  it('says it in English by default, every benefit and rate by its name', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, ownCostPerYear: own });
    expect(
      assumptionsAfter(costs, ['kontanthjaelp_forhoejet', 'revalidering', 'sygedagpenge'], 2026),
    ).toEqual([
      "Social assistance, higher rate: the municipality's own cost, 250.000 kr. per full-time person per year.",
      'Vocational rehabilitation: priced at the rate of unemployment insurance benefit (a-dagpenge), highest rate, full-time insured, as unemployment insurance benefit; assumed.',
      'Sickness benefit in 2026: the 2024 rate of sickness benefit (sygedagpenge), highest rate (the table has none for that year; no indexation).',
    ]);
  });

  it('says it in Danish, with Danish names and numbers, when asked', () => {
    const costs = new CostTable({ rates: SHIPPED_RATES, ownCostPerYear: own, language: 'da' });
    expect(
      assumptionsAfter(costs, ['kontanthjaelp_forhoejet', 'revalidering', 'sygedagpenge'], 2026),
    ).toEqual([
      'Kontanthjælp, forhøjet sats: kommunens egen udgift, 250.000 kr. pr. fuldtidsperson pr. år.',
      'Revalidering / forrevalidering: prissat med satsen for a-dagpenge, højeste sats, fuldtidsforsikret som a-dagpenge mv.; en antagelse.',
      'Sygedagpenge i 2026: 2024-satsen for sygedagpenge, højeste sats (tabellen har ingen for det år; ingen satsregulering).',
    ]);
  });
});
