import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';

/** The contract's example: 10.000 kr. at refusion 0,2 before, a job with a 2.000 kr. mentor at 0,5 after. */
const CASE = {
  name: 'Småjobs',
  before: [{ label: 'Kontanthjælp', monthlyGross: 10_000, refusionRate: 0.2 }],
  after: [{ label: 'Mentor', monthlyGross: 2_000, refusionRate: 0.5 }],
  oneOffCost: 35_000,
  citizens: 5,
};

function caseFile(content: unknown): { dir: string; file: string } {
  const dir = tempDir();
  return {
    dir,
    file: writeTemp(dir, 'case.json', typeof content === 'string' ? content : JSON.stringify(content)),
  };
}

describe('jobinvest businesscase', () => {
  it('prints the contract as JSON: net 8.000 before, 1.000 after, 7.000 saved a month', async () => {
    const { dir } = caseFile(CASE);
    const { code, out, err } = await runCli(['businesscase', '--file', 'case.json', '--json'], dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as Record<string, unknown>;
    expect(r).toMatchObject({
      before: { gross: 10_000, refusion: 2_000, net: 8_000 },
      after: { gross: 2_000, refusion: 1_000, net: 1_000 },
      savingPerMonth: 7_000,
      savingPerYear: 84_000,
      // 35.000 / (5 × 7.000)
      paybackMonths: 1,
      // 35.000 / 84.000 = 0,42: one citizen pays it back within the year.
      citizensToPayBackIn12Months: 1,
      rules: null,
    });
    expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('prints a Danish table without --json', async () => {
    const { dir } = caseFile(CASE);
    const { code, out } = await runCli(['businesscase', '--file', 'case.json'], dir);
    expect(code).toBe(0);
    expect(out).toContain('Businesscase: Småjobs');
    expect(out).toMatch(/Kontanthjælp\s+10\.000 kr\.\s+20 %\s+2\.000 kr\.\s+8\.000 kr\./);
    expect(out).toMatch(/Besparelse pr\. måned\s+7\.000 kr\./);
    expect(out).toMatch(/Besparelse pr\. år\s+84\.000 kr\./);
    expect(out).toContain('1,00 måneder for 5 borgere');
    expect(out).toContain('Mentor: 50 % · angivet i businesscasen');
  });

  it('takes the rate of a benefit and step from the refusion rules', async () => {
    const { dir } = caseFile({
      ...CASE,
      before: [{ label: 'A-dagpenge', monthlyGross: 20_000, benefit: 'adagpenge', step: 3 }],
    });
    const { out } = await runCli(['businesscase', '--file', 'case.json', '--json'], dir);
    // Co-financing at weeks 27-52: the municipality pays 70 %.
    expect(JSON.parse(out)).toMatchObject({
      before: { gross: 20_000, refusion: 6_000, net: 14_000 },
      rules: { id: 'refusion-2016' },
    });
  });

  it('reads amounts and rates written the Danish way in the file', async () => {
    const { dir } = caseFile({
      ...CASE,
      before: [{ label: 'Kontanthjælp', monthlyGross: '12.500,50', refusionRate: '0,2' }],
      oneOffCost: '35.000',
    });
    const { code, out } = await runCli(['businesscase', '--file', 'case.json', '--json'], dir);
    expect(code).toBe(0);
    // 12.500,50 × 0,8 = 10.000,40 before, 1.000 after: 9.000,40 saved a month.
    expect(JSON.parse(out)).toMatchObject({
      before: { gross: 12_500.5, refusion: 2_500.1, net: 10_000.4 },
      savingPerMonth: 9_000.4,
    });
  });

  it('says in one line which file, which field, what was expected and what was found', async () => {
    const { dir } = caseFile({
      ...CASE,
      after: [CASE.after[0], { label: 'X', monthlyGross: 1, refusionRate: 1.5 }],
    });
    const { code, out, err } = await runCli(['businesscase', '--file', 'case.json'], dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'jobinvest: case.json: after[1].refusionRate: expected a share from 0 to 1, found 1.5\n',
    );
  });

  it('says so when the file is not JSON', async () => {
    const { dir } = caseFile('{ "name": ');
    const { code, err } = await runCli(['businesscase', '--file', 'case.json'], dir);
    expect(code).toBe(1);
    expect(err).toMatch(/^jobinvest: case\.json: expected a readable JSON file \(.+\)\n$/);
  });
});
