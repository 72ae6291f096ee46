import { describe, expect, it } from 'vitest';
import type { BenefitCode } from '../benefits.ts';
import { CostTable } from '../jobinvest/costing.ts';
import { SHIPPED_RATES } from '../rates.ts';
import { staircase } from '../refusion.ts';
import { fromYyyyww, toYyyyww, yearWeekOf } from '../weeks.ts';
import { RefusionPrices, refusionLines } from './ydelsesrefusion.ts';

describe('refusionLines', () => {
  // 2025-W49 … W52 on a-dagpenge (staircase weeks 1-4, before the file), 2026-W01 a-dagpenge (week
  // 5), W02 nothing, W03 in work, W04 sygedagpenge (week 6), W05 førtidspension from before 2014.
  const history: (BenefitCode | null)[] = [
    'adagpenge',
    'adagpenge',
    'adagpenge',
    'adagpenge',
    'adagpenge',
    null,
    'job',
    'sygedagpenge',
    'foertidspension_foer2014',
  ];
  const lines = refusionLines(
    fromYyyyww(202549),
    history,
    fromYyyyww(202601),
    new RefusionPrices(SHIPPED_RATES),
  );

  it('writes the weeks from the first asked for, on benefits of the refusion scheme only', () => {
    expect(lines.map((l) => [toYyyyww(l.weekIndex), l.ydelse])).toEqual([
      [202601, 'A-dagpenge'],
      [202604, 'Sygedagpenge'],
    ]);
  });

  it('co-finances a-dagpenge at the step of the whole history', () => {
    // 2026: 22,041 kr. a month (rates.ts) = 22,041 × 12 / 52 = 5,086.3846 a week; week 5 of the count: 60 %.
    expect(lines[0]).toMatchObject({
      gross: 5086.38,
      refusionRate: 0,
      refusionAmount: 0,
      cofinancingRate: 0.6,
      cofinancingAmount: 3051.83,
    });
  });

  it('refunds sygedagpenge at the regulated rate of the year', () => {
    // 2025: 4,865 kr. a week; 2026 regulated by 4.5 %: 5,083.925 → 5,084; week 6 of the count: 40 %.
    expect(lines[1]).toMatchObject({
      gross: 5084,
      refusionRate: 0.4,
      refusionAmount: 2033.6,
      cofinancingRate: 0,
      cofinancingAmount: 0,
    });
  });
});

describe('refusionLines against the budget', () => {
  // What the budget follow-up compares: a 2026 budget priced by the costing (CostTable, the
  // staircase of refusion.ts) and the file's lines. A week of the same person on the same group
  // must come out at the same gross and the same municipal share in both. The person: 20 weeks on
  // sygedagpenge from 2025-W40, 2026-W08 … W29 on jobafklaring, 3 weeks in work, then revalidering
  // through W40: the count crosses from step 2 to step 3 (week 27) and the ISO year turns.
  const first = fromYyyyww(202540);
  const history: (BenefitCode | null)[] = [
    ...Array<BenefitCode>(20).fill('sygedagpenge'),
    ...Array<BenefitCode>(22).fill('jobafklaring'),
    ...Array<null>(3).fill(null),
    ...Array<BenefitCode>(8).fill('revalidering'),
  ];
  const lines = refusionLines(first, history, first, new RefusionPrices(SHIPPED_RATES));
  const costs = new CostTable({ rates: SHIPPED_RATES });
  const steps = staircase(first, history);

  it('writes a line for every week on a benefit of the scheme', () => {
    expect(lines).toHaveLength(50);
  });

  it("prices each week at the costing's weekly amount of its group and ISO year, to the øre", () => {
    for (const line of lines) {
      const code = history[line.weekIndex - first]!;
      const budget = costs.weekly(code, yearWeekOf(line.weekIndex).year)!;
      expect(line.gross).toBe(Math.round(budget.amount * 100) / 100);
    }
  });

  it("leaves the municipality the costing's share of the same staircase step", () => {
    for (const line of lines) {
      const net = line.gross - line.refusionAmount;
      expect(net / line.gross).toBeCloseTo(steps[line.weekIndex - first]!.municipalShare!, 3);
    }
  });

  it('prices 2026 revalidering at the a-dagpenge rate and jobafklaring at the regulated ressourceforløbsydelse', () => {
    // Revalidering has no rate of its own and is priced like a-dagpenge: 22,041 × 12 / 52.
    // Jobafklaring: ressourceforløbsydelse ikke-forsørger 12,326 (2024) × 1.036 → 12,770 (2025)
    // × 1.045 → 13,345 (2026) a month = 3,079.62 a week. 2025-W52 sygedagpenge at 4,865.
    const at = (yyyyww: number) => lines.find((l) => l.weekIndex === fromYyyyww(yyyyww))!;
    expect(at(202552)).toMatchObject({ ydelse: 'Sygedagpenge', gross: 4865 });
    expect(at(202608)).toMatchObject({
      ydelse: 'Ressourceforløbsydelse under jobafklaringsforløb',
      gross: 3079.62,
    });
    expect(at(202633)).toMatchObject({ ydelse: 'Revalideringsydelse', gross: 5086.38, refusionRate: 0.3 });
  });
});
