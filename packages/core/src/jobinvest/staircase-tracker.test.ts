import { describe, expect, it } from 'vitest';
import { benefitOf, BENEFIT_CODES, type BenefitCode } from '../benefits.ts';
import { staircase, type WeekBenefit } from '../refusion.ts';
import { Rng } from '../synthetic/random.ts';
import { fromYyyyww } from '../weeks.ts';
import { StaircaseTracker } from './staircase-tracker.ts';

/** Random histories in runs, so that resets (52 self-support weeks in 156) happen often. */
function randomHistory(rng: Rng, weeks: number): WeekBenefit[] {
  const codes: (BenefitCode | null)[] = [
    null,
    'job',
    'su',
    'out',
    'kontanthjaelp_jobparat',
    'adagpenge',
    'sygedagpenge',
    'foertidspension_foer2014',
    'fleksjob',
    'efterloen',
  ];
  const out: WeekBenefit[] = [];
  while (out.length < weeks) {
    const code = codes[rng.int(codes.length)]!;
    const length = 1 + rng.int(rng.uniform() < 0.5 ? 8 : 70);
    for (let i = 0; i < length && out.length < weeks; i++) out.push(code);
  }
  return out;
}

describe('StaircaseTracker', () => {
  it('gives the count and municipal share of staircase() in every week of 300 random histories', () => {
    const rng = Rng.seeded(11);
    const first = fromYyyyww(201540); // starts before the reform: those weeks are outside the scheme
    let resets = 0;
    for (let person = 0; person < 300; person++) {
      const history = randomHistory(rng, 520);
      const expected = staircase(first, history);
      const tracker = new StaircaseTracker();
      history.forEach((code, i) => {
        const share = tracker.week(first + i, code === null ? null : benefitOf(code));
        const e = expected[i]!;
        expect(share).toBe(e.municipalShare);
        if (e.count) expect(tracker.count).toBe(e.count);
        if (e.restarted) resets++;
      });
    }
    expect(resets).toBeGreaterThan(100);
  });

  it('treats every catalogue code as staircase() does', () => {
    for (const code of BENEFIT_CODES) {
      const history: WeekBenefit[] = [
        ...Array<WeekBenefit>(60).fill('kontanthjaelp_jobparat'),
        ...Array<WeekBenefit>(60).fill(code),
        'kontanthjaelp_jobparat',
      ];
      const first = fromYyyyww(201601);
      const expected = staircase(first, history);
      const tracker = new StaircaseTracker();
      const shares = history.map((c, i) => tracker.weekOfState(first + i, c ?? 'job'));
      expect(shares).toEqual(expected.map((e) => e.municipalShare));
    }
  });

  it('restarts after 52 self-support weeks spread over 156 weeks, not after 51', () => {
    const first = fromYyyyww(201601);
    const spread = (selfSupport: number): WeekBenefit[] => {
      const h: WeekBenefit[] = ['sygedagpenge'];
      for (let i = 0; i < selfSupport; i++) h.push('job', 'out', 'out');
      h.push('sygedagpenge');
      return h;
    };
    for (const [n, count] of [
      [52, 1],
      [51, 2],
    ] as const) {
      const tracker = new StaircaseTracker();
      spread(n).forEach((c, i) => tracker.weekOfState(first + i, c ?? 'job'));
      expect(tracker.count).toBe(count);
    }
  });
});
