import { describe, expect, it } from 'vitest';
import { followUp, outsideYdelsesrefusion } from './followup.ts';
import type { MonthlyAmounts } from './types.ts';

const months = (
  benefit: string,
  from: number,
  to: number,
  gross: number,
  refusion: number,
  cofinancing: number,
  net: number,
) =>
  Array.from({ length: to - from + 1 }, (_, k): MonthlyAmounts => ({
    benefit,
    month: `2027-${String(from + k).padStart(2, '0')}`,
    gross,
    refusion,
    cofinancing,
    net,
  }));

describe('followUp', () => {
  // Budget 100 gross, 30 refusion, 70 net a month; paid 110, 33, 77 in January to March.
  const budget = months('kontanthjaelp', 1, 12, 100, 30, 0, 70);
  const realised = months('kontanthjaelp', 1, 3, 110, 33, 0, 77);

  it('projects the remaining budget months scaled by realised net over budget net so far', () => {
    const [line] = followUp(budget, realised, { year: 2027, throughMonth: '2027-03', threshold: 0.05 });
    expect(line!.benefit).toBe('kontanthjaelp');
    expect(line!.budget).toEqual({ gross: 1200, refusion: 360, cofinancing: 0, net: 840 });
    expect(line!.budgetToDate).toEqual({ gross: 300, refusion: 90, cofinancing: 0, net: 210 });
    expect(line!.realisedToDate).toEqual({ gross: 330, refusion: 99, cofinancing: 0, net: 231 });
    // ratio 231 / 210 = 1.1; the nine months left (900, 270, 630) × 1.1 = 990, 297, 693.
    expect(line!.projectedYearEnd.gross).toBeCloseTo(1320, 9);
    expect(line!.projectedYearEnd.refusion).toBeCloseTo(396, 9);
    expect(line!.projectedYearEnd.net).toBeCloseTo(924, 9);
    expect(line!.projectedYearEnd.gross - line!.projectedYearEnd.refusion).toBeCloseTo(
      line!.projectedYearEnd.net,
      9,
    );
    expect(line!.deviation).toBeCloseTo(84, 9);
    expect(line!.deviationShare).toBeCloseTo(0.1, 12);
    expect(line!.flagged).toBe(true);
    expect(line!.months).toHaveLength(12);
    expect(line!.months[2]).toEqual({
      month: '2027-03',
      budget: { gross: 100, refusion: 30, cofinancing: 0, net: 70 },
      realised: { gross: 110, refusion: 33, cofinancing: 0, net: 77 },
    });
    expect(line!.months[3]!.realised).toBeNull();
  });

  it('flags a line only when its deviation exceeds the threshold', () => {
    const [line] = followUp(budget, realised, { year: 2027, throughMonth: '2027-03', threshold: 0.15 });
    expect(line!.flagged).toBe(false);
  });

  it('folds catalogue codes into their group and co-financed groups keep net = co-financing', () => {
    const lines = followUp(
      [
        ...months('kontanthjaelp_grundsats', 1, 12, 60, 18, 0, 42),
        ...months('kontanthjaelp_forhoejet', 1, 12, 40, 12, 0, 28),
        ...months('adagpenge', 1, 12, 1000, 0, 600, 600),
      ],
      [...realised, ...months('adagpenge', 1, 2, 500, 0, 300, 300)],
      { year: 2027, throughMonth: '2027-02', threshold: 0.05 },
    );
    expect(lines.map((l) => l.benefit)).toEqual(['kontanthjaelp', 'adagpenge']);
    const [kh, ad] = lines;
    expect(kh!.budget.net).toBe(840);
    // March's 77 lies after the last whole month and is not compared.
    expect(kh!.realisedToDate.net).toBe(154);
    // Paid half the budget so far: the ten months left (10 000, 6 000) are halved.
    expect(ad!.projectedYearEnd).toEqual({ gross: 6000, refusion: 0, cofinancing: 3600, net: 3600 });
    expect(ad!.deviation).toBe(3600 - 7200);
    expect(ad!.deviationShare).toBe(-0.5);
    expect(ad!.flagged).toBe(true);
  });

  it('takes the remaining months as budgeted where nothing was budgeted so far', () => {
    const lines = followUp(
      months('sygedagpenge', 7, 12, 100, 50, 0, 50),
      months('sygedagpenge', 1, 2, 20, 10, 0, 10),
      { year: 2027, throughMonth: '2027-02', threshold: 0.05 },
    );
    expect(lines[0]!.projectedYearEnd.net).toBe(20 + 300);
    expect(lines[0]!.deviation).toBe(20);
    expect(lines[0]!.deviationShare).toBeCloseTo(20 / 300, 12);
    expect(lines[0]!.flagged).toBe(true);
  });

  it('shows a group paid without a budget as flagged with no share', () => {
    const [line] = followUp([], months('ledighedsydelse', 1, 1, 80, 40, 0, 40), {
      year: 2027,
      throughMonth: '2027-01',
      threshold: 0.05,
    });
    expect(line).toMatchObject({
      benefit: 'ledighedsydelse',
      deviation: 40,
      deviationShare: null,
      flagged: true,
    });
  });

  it('projects the budget as it is before the year and the realised year after it', () => {
    const before = followUp(budget, realised, { year: 2027, throughMonth: '2026-12', threshold: 0.05 })[0]!;
    expect(before.projectedYearEnd).toEqual(before.budget);
    expect(before.months.every((m) => m.realised === null)).toBe(true);
    expect(before.flagged).toBe(false);
    const after = followUp(budget, [...realised, ...months('kontanthjaelp', 4, 12, 70, 21, 0, 49)], {
      year: 2027,
      throughMonth: '2028-02',
      threshold: 0.05,
    })[0]!;
    expect(after.projectedYearEnd).toEqual({
      gross: 330 + 630,
      refusion: 99 + 189,
      cofinancing: 0,
      net: 231 + 441,
    });
    expect(after.deviation).toBe(672 - 840);
  });

  it('ignores months of other years and refuses a malformed month', () => {
    const other = months('kontanthjaelp', 1, 3, 999, 0, 0, 999).map((m) => ({
      ...m,
      month: m.month.replace('2027', '2026'),
    }));
    const [line] = followUp(budget, [...realised, ...other], {
      year: 2027,
      throughMonth: '2027-03',
      threshold: 0.05,
    });
    expect(line!.realisedToDate.net).toBe(231);
    expect(() => followUp(budget, realised, { year: 2027, throughMonth: '2027-3', threshold: 0.05 })).toThrow(
      /YYYY-MM/,
    );
  });

  it('leaves out the budget of the fixed regimes, which Ydelsesrefusion does not settle, and names it', () => {
    // Førtidspension from 2014 is co-financed through the file; before 2014 a fixed 65 % outside it.
    const budget = [
      ...months('foertidspension', 1, 12, 0, 0, 50, 50),
      ...months('foertidspension_foer2014', 1, 12, 100, 35, 0, 65),
    ];
    const realised = months('foertidspension', 1, 3, 0, 0, 50, 50);
    const lines = followUp(budget, realised, { year: 2027, throughMonth: '2027-03', threshold: 0.05 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.benefit).toBe('foertidspension');
    expect(lines[0]!.budget.net).toBe(600);
    expect(lines[0]!.deviation).toBe(0);
    expect(lines[0]!.flagged).toBe(false);
    expect(outsideYdelsesrefusion(budget, 2027)).toEqual([
      {
        benefit: 'foertidspension_foer2014',
        budget: { gross: 1200, refusion: 420, cofinancing: 0, net: 780 },
      },
    ]);
    expect(outsideYdelsesrefusion(budget, 2026)).toEqual([]);
  });
});
