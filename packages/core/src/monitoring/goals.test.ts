import { describe, expect, it } from 'vitest';
import { sampleQuantile } from '../distributions.ts';
import { goalDirection, goalOutlook, goalProgress } from './goals.ts';

describe('goalProgress (KL: concrete goal, status and share realised)', () => {
  it('gives KL’s goal 1: 535 → 482 full-time persons, now 496, is −53, −39 and 74 % realised', () => {
    const progress = goalProgress({ baseline: 535, target: 482, now: 496 });
    expect(progress.concreteGoal).toBe(-53);
    expect(progress.status).toBe(-39);
    // 39 / 53 = 0.735849…
    expect(progress.realised).toBeCloseTo(0.735849, 6);
    expect(Math.round(progress.realised! * 100)).toBe(74);
  });

  it('gives KL’s goal 2: 9.5 → 8.5 weeks, now 9.8, is −1.0, +0.3 and −30 % realised', () => {
    const progress = goalProgress({ baseline: 9.5, target: 8.5, now: 9.8 });
    expect(progress.concreteGoal).toBeCloseTo(-1.0, 12);
    expect(progress.status).toBeCloseTo(0.3, 12);
    expect(progress.realised).toBeCloseTo(-0.3, 12);
  });

  it('has no share realised for a goal of holding the baseline', () => {
    expect(goalProgress({ baseline: 40, target: 40, now: 42 })).toEqual({
      concreteGoal: 0,
      status: 2,
      realised: null,
    });
  });

  it('refuses a figure that is not a finite number, naming it', () => {
    expect(() => goalProgress({ baseline: 535, target: Number.NaN, now: 496 })).toThrow(
      'target: expected a finite number, found NaN',
    );
  });
});

describe('goalDirection', () => {
  it('points down when the target lies below the baseline, otherwise up', () => {
    expect(goalDirection(535, 482)).toBe('down');
    expect(goalDirection(0.6, 0.65)).toBe('up');
    expect(goalDirection(40, 40)).toBe('up');
  });
});

describe('sampleQuantile (type 7, R’s default)', () => {
  it('interpolates between order statistics at (n − 1)·p', () => {
    const sorted = [1, 2, 3, 4, 10];
    // h = 4 × 0.1 = 0.4: 1 + 0.4 × (2 − 1) = 1.4; R: quantile(c(1, 2, 3, 4, 10), 0.1) is 1.4.
    expect(sampleQuantile(sorted, 0.1)).toBeCloseTo(1.4, 12);
    // h = 3.6: 4 + 0.6 × (10 − 4) = 7.6.
    expect(sampleQuantile(sorted, 0.9)).toBeCloseTo(7.6, 12);
    expect(sampleQuantile(sorted, 0)).toBe(1);
    expect(sampleQuantile(sorted, 1)).toBe(10);
    expect(sampleQuantile([7], 0.9)).toBe(7);
  });
});

describe('goalOutlook (the forecast replications at the target date)', () => {
  it('gives the median, the 80 % band and the share of replications reaching the target', () => {
    // Sorted: 1, 2, 3, 4, 10; the median is the third, 3; the band as in the quantile test above.
    const down = goalOutlook(2.5, 'down', [10, 3, 1, 4, 2]);
    expect(down.median).toBe(3);
    expect(down.band80[0]).toBeCloseTo(1.4, 12);
    expect(down.band80[1]).toBeCloseTo(7.6, 12);
    // At or below 2.5: 1 and 2, 2 of 5.
    expect(down.probabilityOfReaching).toBe(0.4);
    expect(down.replications).toBe(5);
    // At or above 2.5: 3, 4 and 10.
    expect(goalOutlook(2.5, 'up', [10, 3, 1, 4, 2]).probabilityOfReaching).toBe(0.6);
  });

  it('counts a replication exactly at the target as reaching it, in either direction', () => {
    expect(goalOutlook(482, 'down', [482, 490, 500, 470]).probabilityOfReaching).toBe(0.5);
    expect(goalOutlook(482, 'up', [482, 490, 500, 470]).probabilityOfReaching).toBe(0.75);
  });

  it('refuses an empty forecast and a replication that is not a number', () => {
    expect(() => goalOutlook(482, 'down', [])).toThrow(
      'replications: expected at least one forecast replication, found none',
    );
    expect(() => goalOutlook(482, 'down', [480, Number.POSITIVE_INFINITY])).toThrow(
      'replications[1]: expected a finite number, found Infinity',
    );
  });
});
