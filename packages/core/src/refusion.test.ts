import { describe, expect, it } from 'vitest';
import { BENEFITS, benefitOf, type Benefit } from './benefits.ts';
import {
  DuplicateWeekError,
  REFUSION_2016,
  municipalShare,
  staircase,
  staircaseByPerson,
  type WeekBenefit,
} from './refusion.ts';
import { fromYyyyww, toYyyyww } from './weeks.ts';

const START = fromYyyyww(201701);
const KH = 'kontanthjaelp_jobparat';

/** A history from segments: `[benefit, weeks]`, starting at 2017-W01. */
function history(...segments: [WeekBenefit, number][]): WeekBenefit[] {
  return segments.flatMap(([benefit, n]) => Array<WeekBenefit>(n).fill(benefit));
}

function run(...segments: [WeekBenefit, number][]) {
  return staircase(START, history(...segments));
}

describe('the staircase, LBK 221/2021 § 5', () => {
  // § 5: "refusion ... 80 pct. i de første 4 uger, 40 pct. fra og med 5. uge til og med 26. uge,
  // 30 pct. fra og med 27. uge til og med 52. uge og 20 pct. fra og med 53. uge"
  it('gives the municipality 20/60/70/80 % of a refusion benefit at weeks 1-4/5-26/27-52/53+', () => {
    const weeks = run([KH, 60]);
    const share = (n: number) => weeks[n - 1]?.municipalShare;
    expect(weeks.map((w) => w.count).slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([share(1), share(4)]).toEqual([0.2, 0.2]);
    expect([share(5), share(26)]).toEqual([0.6, 0.6]);
    expect([share(27), share(52)]).toEqual([0.7, 0.7]);
    expect([share(53), share(60)]).toEqual([0.8, 0.8]);
  });

  it('changes step exactly at the boundaries 4/5, 26/27 and 52/53', () => {
    const kh = benefitOf(KH);
    expect([municipalShare(kh, 4), municipalShare(kh, 5)]).toEqual([0.2, 0.6]);
    expect([municipalShare(kh, 26), municipalShare(kh, 27)]).toEqual([0.6, 0.7]);
    expect([municipalShare(kh, 52), municipalShare(kh, 53)]).toEqual([0.7, 0.8]);
    expect(municipalShare(kh, 520)).toBe(0.8);
  });

  // § 5 stk. 4: the municipality co-finances a-dagpenge "med 20 pct. ..., 60 pct. ..., 70 pct. ... og 80 pct."
  // on the same weeks, so co-financing mirrors refusion week for week.
  it('mirrors refusion with co-financing: a-dagpenge costs the municipality the same shares', () => {
    const refusion = run([KH, 60], [null, 3], [KH, 2]);
    const cofinancing = run(['adagpenge', 60], [null, 3], ['adagpenge', 2]);
    expect(cofinancing.map((w) => w.municipalShare)).toEqual(refusion.map((w) => w.municipalShare));
    expect(cofinancing.map((w) => w.count)).toEqual(refusion.map((w) => w.count));
    const ad = benefitOf('adagpenge');
    expect([4, 5, 26, 27, 52, 53].map((n) => municipalShare(ad, n))).toEqual([0.2, 0.6, 0.6, 0.7, 0.7, 0.8]);
  });

  it('has steps whose refusion and co-financing add up to 100 % at every step', () => {
    for (const step of REFUSION_2016.steps) {
      expect(step.stateRefusion + step.municipalCofinancing).toBeCloseTo(1, 12);
    }
  });

  // § 5 stk. 5 / STAR's "placering på refusionstrappen": one count per person across all covered benefits.
  it('adds weeks on several benefits to one count per person', () => {
    const weeks = run(['sygedagpenge', 3], [KH, 2], ['adagpenge', 22], ['ressourceforloeb', 2]);
    expect(weeks.map((w) => w.count)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(weeks[3]?.municipalShare).toBe(0.2); // week 4, on kontanthjælp: still 20 %
    expect(weeks[4]?.municipalShare).toBe(0.6); // week 5 on kontanthjælp
    expect(weeks[26]?.municipalShare).toBe(0.7); // week 27 on ressourceforløb
  });

  it('keeps the count through short breaks: weeks without benefit are 0 and the count resumes', () => {
    const weeks = run([KH, 4], [null, 10], [KH, 1]);
    expect(weeks.map((w) => w.count)).toEqual([1, 2, 3, 4, ...Array<number>(10).fill(0), 5]);
    expect(weeks[14]?.municipalShare).toBe(0.6);
    expect(weeks[5]?.municipalShare).toBe(0); // self-support costs nothing
  });
});

describe('the reset, LBK 221/2021 § 6', () => {
  // § 6: the count starts again when the person, after the first week with benefits, has been
  // self-supporting for 52 weeks within the last 3 years (156 weeks); the weeks need not be consecutive.
  it('restarts the count after exactly 52 weeks of self-support within 156 weeks', () => {
    const weeks = run([KH, 60], [null, 52], [KH, 1]);
    const last = weeks.at(-1);
    expect(last?.count).toBe(1);
    expect(last?.municipalShare).toBe(0.2);
    expect(last?.restarted).toBe(true);
    expect(weeks.at(-2)?.selfSupportWeeks).toBe(52);
  });

  it('does not restart after 51 weeks of self-support', () => {
    const weeks = run([KH, 60], [null, 51], [KH, 1]);
    expect(weeks.at(-1)?.count).toBe(61);
    expect(weeks.at(-1)?.municipalShare).toBe(0.8);
    expect(weeks.at(-1)?.restarted).toBe(false);
  });

  it('counts self-support spread out over several periods', () => {
    // 30 + 22 = 52 self-support weeks, all within the last 152 weeks.
    const weeks = run([KH, 10], [null, 30], [KH, 100], [null, 22], [KH, 1]);
    expect(weeks.at(-1)?.count).toBe(1);
    const short = run([KH, 10], [null, 30], [KH, 100], [null, 21], [KH, 1]);
    expect(short.at(-1)?.count).toBe(111);
  });

  it('does not count self-support older than 156 weeks', () => {
    // 22 recent weeks + 110 benefit weeks leave room for only 24 of the 30 earlier self-support weeks.
    const weeks = run([KH, 10], [null, 30], [KH, 110], [null, 22], [KH, 1]);
    expect(weeks.at(-2)?.selfSupportWeeks).toBe(46);
    expect(weeks.at(-1)?.count).toBe(121);
    expect(weeks.at(-1)?.municipalShare).toBe(0.8);
  });

  it('counts only self-support after the first week with benefits', () => {
    const weeks = run([null, 100], [KH, 30]);
    expect(weeks.at(-1)?.count).toBe(30);
    expect(weeks[99]?.selfSupportWeeks).toBe(0);
  });

  it('needs 52 new weeks of self-support after a restart before the next one', () => {
    // After the restart the earlier 52 weeks do not count again: 10 more weeks are not enough.
    const weeks = run([KH, 60], [null, 52], [KH, 5], [null, 10], [KH, 1]);
    expect(weeks.at(-1)?.count).toBe(6);
    expect(weeks.at(-1)?.municipalShare).toBe(0.6);
  });

  it('treats job and SU weeks as self-support, but not førtidspension, efterløn or weeks out of the population', () => {
    expect(run([KH, 60], ['job', 52], [KH, 1]).at(-1)?.count).toBe(1);
    expect(run([KH, 60], ['su', 52], [KH, 1]).at(-1)?.count).toBe(1);
    expect(run([KH, 60], ['foertidspension_foer2014', 52], [KH, 1]).at(-1)?.count).toBe(61);
    expect(run([KH, 60], ['efterloen', 52], [KH, 1]).at(-1)?.count).toBe(61);
    expect(run([KH, 60], ['out', 52], [KH, 1]).at(-1)?.count).toBe(61);
    // Fleksjob is wage-subsidised work, which § 6 excludes from self-support; it is on the staircase itself.
    expect(run([KH, 60], ['fleksjob', 52], [KH, 1]).at(-1)?.count).toBe(113);
  });
});

describe('shares outside the staircase', () => {
  // Pensionsloven § 52: førtidspension granted before 1 July 2014 costs the municipality 65 %.
  it('charges the municipality 65 % of førtidspension granted before 1 July 2014, without counting', () => {
    const weeks = run(['foertidspension_foer2014', 3]);
    expect(weeks.map((w) => w.municipalShare)).toEqual([0.65, 0.65, 0.65]);
    expect(weeks.map((w) => w.count)).toEqual([0, 0, 0]);
  });

  it('charges nothing for self-support, efterløn and SU', () => {
    expect(run([null, 1], ['job', 1], ['efterloen', 1], ['su', 1]).map((w) => w.municipalShare)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('charges the municipality 100 % of a benefit it pays where no scheme applies', () => {
    const own: Benefit = { ...benefitOf('efterloen'), financing: { kind: 'none', paidByMunicipality: true } };
    expect(municipalShare(own, 0)).toBe(1);
  });

  it('has a financing regime for every catalogue entry', () => {
    for (const b of BENEFITS) expect(municipalShare(b, 1)).toBeGreaterThanOrEqual(0);
  });
});

describe('the rules table', () => {
  it('reports weeks before 2016-W01 as outside the scheme and starts everyone at 0 on 2016-W01', () => {
    const weeks = staircase(fromYyyyww(201550), Array<WeekBenefit>(6).fill(KH));
    expect(weeks.map((w) => toYyyyww(w.weekIndex))).toEqual([201550, 201551, 201552, 201553, 201601, 201602]);
    expect(weeks.slice(0, 4).map((w) => [w.count, w.municipalShare, w.rules])).toEqual(
      Array(4).fill([null, null, null]),
    );
    expect(weeks[4]).toMatchObject({ count: 1, municipalShare: 0.2, rules: 'refusion-2016' });
  });
});

describe('a history of several persons', () => {
  it('fills weeks without rows as weeks without benefit, per person', () => {
    const rows = [
      { person: 'a', weekIndex: START, benefit: KH },
      { person: 'b', weekIndex: START + 1, benefit: 'sygedagpenge' },
      { person: 'a', weekIndex: START + 3, benefit: KH },
    ] as const;
    const result = staircaseByPerson(rows);
    expect(result.map((r) => [r.person, r.weekIndex - START, r.benefit, r.count])).toEqual([
      ['a', 0, KH, 1],
      ['a', 1, null, 0],
      ['a', 2, null, 0],
      ['a', 3, KH, 2],
      ['b', 1, 'sygedagpenge', 1],
    ]);
  });

  it('refuses two rows for the same person and week, naming both', () => {
    const rows = [
      { person: 'a', weekIndex: START, benefit: KH },
      { person: 'a', weekIndex: START, benefit: null },
    ] as const;
    expect(() => staircaseByPerson(rows)).toThrow(DuplicateWeekError);
    expect(() => staircaseByPerson(rows)).toThrow('person a has two rows for week 201701 (rows 1 and 2)');
  });
});
