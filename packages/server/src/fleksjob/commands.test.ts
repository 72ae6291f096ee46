import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';

// 2024, 20 hours at 18,000 kr a month incl. pension, 53 weeks on the staircase: fleksløntilskud
// 19,951.82 − 0.30 × 16,323 − 0.55 × 1,677 = 14,132.57 kr/month against ressourceforløbsydelse
// 11,944 kr/month, both at 80 %: 0.8 × 12 × 2,188.57 = 21,010.27 kr a year. Break-even where the
// subsidy is 11,944: W = 16,323 + (19,951.82 − 4,896.90 − 11,944) / 0.55 = 21,979.22 kr a month.
const CASE = [
  'fleksjob',
  '--alternative',
  'ressourceforloeb',
  '--start-year',
  '2024',
  '--years',
  '1',
  '--staircase-weeks',
  '53',
  '--hours',
  '20',
  '--monthly-wage',
  '18.000',
  '--discount-rate',
  '3,5%',
];

describe('jobinvest fleksjob', () => {
  it('prints the case as JSON with the difference and the break-even wage', async () => {
    const { code, out, err } = await runCli([...CASE, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const c = JSON.parse(out) as {
      input: { monthlyWage: number; discountRate: number };
      years: { year: number; difference: number; fleksjob: { monthly: { subsidy: number } } }[];
      breakEven: { wage: { monthlyWage: number } };
      rateTable: string;
    };
    expect(c.input.monthlyWage).toBeCloseTo(18_000, 9);
    expect(c.input.discountRate).toBeCloseTo(0.035, 12);
    expect(c.years.map((y) => y.year)).toEqual([2024]);
    expect(c.years[0]?.fleksjob.monthly.subsidy).toBeCloseTo(14_132.57, 6);
    expect(c.years[0]?.difference).toBeCloseTo(17_343.072, 6);
    expect(c.breakEven.wage.monthlyWage).toBeCloseTo(21_284.6727, 3);
    expect(c.rateTable).toBe('shipped-2026-12');
  });

  it('prints a table, the break-even and the assumptions for people, in Danish number format', async () => {
    const { code, out } = await runCli(CASE);
    expect(code).toBe(0);
    expect(out).toMatch(
      /2024\s+54-105\s+14\.133 kr\.\s+175\.591 kr\.\s+135\.673 kr\.\s+147\.912 kr\.\s+118\.330 kr\.\s+17\.343 kr\./,
    );
    expect(out).toContain('Break-even wage: 21.285 kr. a month (245,59 kr. an hour).');
    expect(out).toContain(
      '- rate of resource programme benefit (ressourceforløbsydelse), without children, 2024: 12.326 kr. a month in 2024 prices (verified; Ministry of Employment, rates for 2024 (bm.dk)); used for 2024',
    );
    expect(out).toContain('(fleksjob costs the municipality more than ressourceforløb)');
  });

  it("prices ledighedsydelse from the user's rates file when it has a ledighedsydelse rate", async () => {
    const dir = tempDir();
    const rates = writeTemp(
      dir,
      'rates.csv',
      [
        'year,benefit,variant,amount,unit,source,status',
        '2024,adagpenge,fuldtid,20.359,month,RULES.md,secondary',
        '2024,ledighedsydelse,max,"18.119,51",month,89 % of dagpenge,estimated',
      ].join('\n'),
    );
    const args = CASE.map((a) => (a === 'ressourceforloeb' ? 'ledighedsydelse' : a));
    const { code, out, err } = await runCli([...args, '--rates', rates, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const c = JSON.parse(out) as { alternativePricedAs: string; years: { alternative: { gross: number } }[] };
    expect(c.alternativePricedAs).toBe('ledighedsydelse, max');
    expect(c.years[0]?.alternative.gross).toBeCloseTo(12 * 18_119.51, 6);
  });

  it('names the option of a bad value: negative hours, hours above full time, both wages', async () => {
    const replace = (option: string, value: string) => {
      const args = [...CASE];
      args[args.indexOf(option) + 1] = value;
      return args;
    };
    const negative = await runCli(replace('--hours', '-5'));
    expect(negative.code).toBe(1);
    expect(negative.out).toBe('');
    expect(negative.err).toBe(
      'jobinvest: --hours: expected hours a week above 0 and at most the full-time hours (37), found "-5"\n',
    );
    const above = await runCli([...replace('--hours', '30'), '--full-time-hours', '25']);
    expect(above.err).toBe(
      'jobinvest: --hours: expected hours a week above 0 and at most the full-time hours (25), found "30"\n',
    );
    const both = await runCli([...CASE, '--hourly-wage', '200']);
    expect(both.err).toBe(
      'jobinvest: --hourly-wage, --monthly-wage: expected one of the two, found "both"\n',
    );
  });

  it('refuses an unknown path and lists the three', async () => {
    const { code, err } = await runCli(CASE.map((a) => (a === 'ressourceforloeb' ? 'kontanthjaelp' : a)));
    expect(code).toBe(1);
    expect(err).toContain(
      "option '--alternative <path>' argument 'kontanthjaelp' is invalid. Allowed choices are ledighedsydelse, ressourceforloeb, foertidspension.",
    );
  });

  it('has --help with the options and an example', async () => {
    const { code, out } = await runCli(['fleksjob', '--help']);
    expect(code).toBe(0);
    for (const option of [
      '--alternative',
      '--hours',
      '--monthly-wage',
      '--staircase-weeks',
      '--alternative-cost',
    ])
      expect(out).toContain(option);
    expect(out).toContain('jobinvest fleksjob --alternative ressourceforloeb');
  });
});
