import { describe, expect, it } from 'vitest';
import type { BenefitCode } from '../benefits.ts';
import { SHIPPED_RATES } from '../rates.ts';
import { fromYyyyww, toYyyyww } from '../weeks.ts';
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
