import { describe, expect, it } from 'vitest';
import { datedBenefits } from '@jobinvest/core';
import { parseFlows, parseRate } from './options.ts';
import { runCli, tempDir, writeTemp } from './test-helpers.ts';

const HISTORY = [
  'person,week,benefit',
  'p1,202601,kontanthjaelp_jobparat',
  'p1,202602,kontanthjaelp_jobparat',
  'p1,202605,sygedagpenge',
  'p2,201552,adagpenge',
  'p2,201601,none',
  'p2,201602,adagpenge',
].join('\n');

describe('jobinvest refusion', () => {
  it("prints every week from each person's first to last row as JSON", async () => {
    const file = writeTemp(tempDir(), 'history.csv', HISTORY);
    const { code, out, err } = await runCli(['refusion', '--history', file, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const weeks = JSON.parse(out) as {
      person: string;
      week: number;
      benefit: string;
      count: number | null;
      municipalShare: number | null;
    }[];
    expect(weeks.map((w) => [w.person, w.week, w.benefit, w.count, w.municipalShare])).toEqual([
      ['p1', 202601, 'kontanthjaelp_jobparat', 1, 0.2],
      ['p1', 202602, 'kontanthjaelp_jobparat', 2, 0.2],
      ['p1', 202603, 'none', 0, 0],
      ['p1', 202604, 'none', 0, 0],
      ['p1', 202605, 'sygedagpenge', 3, 0.2],
      ['p2', 201552, 'adagpenge', null, null],
      ['p2', 201553, 'none', null, null],
      ['p2', 201601, 'none', 0, 0],
      ['p2', 201602, 'adagpenge', 1, 0.2],
    ]);
  });

  it('prints a table with the assumptions for people', async () => {
    const file = writeTemp(tempDir(), 'history.csv', HISTORY);
    const { code, out } = await runCli(['refusion', '--history', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/p1\s+202605\s+sygedagpenge\s+3\s+20 %/);
    expect(out).toMatch(/p2\s+201552\s+adagpenge\s+-\s+outside/);
    expect(out).toContain('Everyone starts at 0 on 2016-W01');
  });

  it('fails with one line naming file, line and column for a bad week', async () => {
    const file = writeTemp(tempDir(), 'bad.csv', 'person,week,benefit\np1,202601,job\np1,202553,job\n');
    const { code, out, err } = await runCli(['refusion', '--history', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `jobinvest: ${file}, line 3, column week: expected an ISO week as YYYYWW that exists (e.g. 202601), found "202553"\n`,
    );
  });

  it('refuses an unknown benefit code and counts the other problems', async () => {
    const file = writeTemp(
      tempDir(),
      'bad.csv',
      'person,week,benefit\np1,202601,kontanthjælp\np1,2026,job\n',
    );
    const { code, err } = await runCli(['refusion', '--history', file]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /line 2, column benefit: expected a benefit code of the catalogue .* found "kontanthjælp" \(and 1 more problem\)\n$/,
    );
  });

  it('refuses a CPR number as person id without echoing it', async () => {
    const file = writeTemp(tempDir(), 'cpr.csv', 'person,week,benefit\n010190-1234,202601,job\n');
    const { code, err } = await runCli(['refusion', '--history', file]);
    expect(code).toBe(1);
    expect(err).toContain('line 2, column person: expected a pseudonymous person id, not a CPR number');
    expect(err).not.toContain('1234');
  });

  it('refuses two rows for the same person and week, naming both lines', async () => {
    const file = writeTemp(
      tempDir(),
      'dup.csv',
      'person,week,benefit\np1,202601,none\np2,202601,job\np1,202601,job\n',
    );
    const { code, err } = await runCli(['refusion', '--history', file]);
    expect(code).toBe(1);
    expect(err).toContain('line 4, column week: expected one row per person and week');
    expect(err).toContain('the first is at line 2');
  });

  it('names a missing file', async () => {
    const { code, err } = await runCli(['refusion', '--history', 'nope.csv']);
    expect(code).toBe(1);
    expect(err).toBe('jobinvest: nope.csv: expected a readable CSV file, found "no such file"\n');
  });
});

describe('jobinvest npv', () => {
  it('reproduces the REFERENCES.md vector as JSON', async () => {
    const { code, out } = await runCli(['npv', '--rate', '0.035', '--flows=-100,30,30,30,30,30', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Record<string, number>;
    expect(r.npv).toBeCloseTo(35.4516, 4);
    expect(r.paybackYears).toBeCloseTo(3.33, 2);
    expect(r.discountedPaybackYears).toBeCloseTo(3.61, 2);
    expect(r.irr).toBeCloseTo(0.152382, 6);
  });

  it('prints Danish numbers for people and says when it never pays back', async () => {
    const { out } = await runCli(['npv', '--rate', '3,5 %', '--flows', '-100,30,30']);
    expect(out).toMatch(/Discount rate\s+3,50 %/);
    expect(out).toMatch(/Payback\s+never/);
  });

  it('reads rates as fractions or percentages and refuses an ambiguous 3.5', () => {
    expect(parseRate('0.035')).toBe(0.035);
    expect(parseRate('3.5%')).toBeCloseTo(0.035, 15);
    expect(() => parseRate('3.5')).toThrow(/fraction \(0.035\) or with a percent sign/);
    expect(parseFlows('-100, 30,30.5')).toEqual([-100, 30, 30.5]);
    expect(() => parseFlows('1,,2')).toThrow(/flow 1 is ""/);
  });

  it('exits non-zero with one line for a bad option value', async () => {
    const { code, err } = await runCli(['npv', '--rate', 'abc', '--flows', '1']);
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('expected a rate such as 0.035 or 3.5%, found "abc"');
  });
});

describe('jobinvest benefits and rates', () => {
  it('lists the catalogue as JSON with Danish and English names', async () => {
    const { code, out } = await runCli(['benefits', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as {
      code: string;
      nameDa: string;
      nameEn: string;
      financing: { kind: string };
    }[];
    expect(list.find((b) => b.code === 'adagpenge')).toMatchObject({
      nameDa: 'A-dagpenge mv.',
      financing: { kind: 'cofinancing' },
    });
    // 19 groups and the three of the kontanthjælp of 1 July 2025 (forhøjet sats, grundsats, mindstesats).
    expect(list.length).toBe(22);
  });

  it('lists the rates of one year with weekly amounts', async () => {
    const { code, out } = await runCli(['rates', '--year', '2023', '--json']);
    expect(code).toBe(0);
    const table = JSON.parse(out) as {
      version: string;
      rates: { year: number; benefit: string; variant: string; weeklyAmount: number }[];
    };
    expect(table.rates.every((r) => r.year === 2023)).toBe(true);
    expect(table.rates.find((r) => r.benefit === 'sygedagpenge')?.weeklyAmount).toBe(4550);
  });

  it('prices every catalogue group with a rate in 2026 and 2027, each amount with its price year', async () => {
    const groups = datedBenefits().filter((b) => b.rate);
    for (const year of [2026, 2027]) {
      const { code, out } = await runCli(['rates', '--year', String(year), '--json']);
      expect(code).toBe(0);
      const answer = JSON.parse(out) as {
        rates: { benefit: string; variant: string; amount: number; priceYear: number; status: string }[];
        groups: { code: string; rate: { amount: number; priceYear: number } | null }[];
      };
      expect(answer.groups.map((g) => g.code)).toEqual(expect.arrayContaining(groups.map((b) => b.code)));
      for (const g of answer.groups) expect(g.rate?.priceYear).toBe(year);
      expect(answer.rates.every((r) => r.priceYear === year)).toBe(true);
    }
    const { out } = await runCli(['rates', '--year', '2027', '--json']);
    const rates = (
      JSON.parse(out) as { rates: { benefit: string; variant: string; amount: number; status: string }[] }
    ).rates;
    const at = (benefit: string, variant: string) =>
      rates.find((r) => r.benefit === benefit && r.variant === variant);
    // By hand: ressourceforløbsydelse 12,326 (2024) × 1.036 → 12,770 × 1.045 → 13,345 × 1.045 → 13,946.
    expect(at('ressourceforloebsydelse', 'ikke-forsoerger')).toMatchObject({
      amount: 13_946,
      status: 'estimated',
    });
    // Førtidspension 20,370 (2024) → 21,103 → 22,053 → 23,045 a month.
    expect(at('foertidspension', 'enlig')?.amount).toBe(23_045);
  });

  it('prints the year as a table with the price year and the base of each regulated rate', async () => {
    const { code, out } = await runCli(['rates', '--year', '2027']);
    expect(code).toBe(0);
    expect(out).toMatch(
      /2027 +kontanthjaelp +grundsats +7\.868 +month +1\.815,69 +2027 +estimated +2025 × 4,5 % × 4,5 %\*/,
    );
    expect(out).toContain('Amounts in kr., 2027 prices.');
    // Sources in words, as on the pages, not the project's own notes.
    expect(out).toContain('2026: a non-official source, not checked against an official table of rates');
    expect(out).not.toContain('RULES.md');
    expect(out).toMatch(
      /uddannelseshjaelp +kontanthjaelp grundsats, priced as kontanthjaelp_grundsats: 7\.868 kr\. per month/,
    );
  });

  it('says which years exist when asked for one before the table', async () => {
    const { code, err } = await runCli(['rates', '--year', '2019']);
    expect(code).toBe(1);
    expect(err).toBe(
      'jobinvest: no rates for 2019 in rate table shipped-2026-12; it has 2022, 2023, 2024, 2025, 2026, and rates are regulated forward from the last year a rate has, never backwards\n',
    );
  });

  it('uses a rates file named in the config file', async () => {
    const dir = tempDir();
    writeTemp(
      dir,
      'satser.csv',
      'year;benefit;variant;amount;unit;source;status\n2026;kontanthjaelp;egen;12.345,50;month;Egen opgørelse;estimated\n',
    );
    writeTemp(dir, 'jobinvest.config.json', JSON.stringify({ ratesFile: 'satser.csv' }));
    const { code, out } = await runCli(['rates', '--json'], dir);
    expect(code).toBe(0);
    const table = JSON.parse(out) as { version: string; rates: { amount: number }[] };
    expect(table.version).toMatch(/^satser\.csv#[0-9a-f]{12}$/);
    expect(table.rates.map((r) => r.amount)).toEqual([12345.5]);
  });
});

describe('help', () => {
  it('has --help on every command', async () => {
    for (const command of ['refusion', 'rates', 'npv', 'benefits', 'serve']) {
      const { code, out } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`Usage: jobinvest ${command}`);
    }
  });
});
