import { describe, expect, it } from 'vitest';
import { benefitOf, isOnStaircase } from '../benefits.ts';
import { staircase, staircaseByPerson, type HistoryRow, type WeekBenefit } from '../refusion.ts';
import { SHIPPED_RATES } from '../rates.ts';
import { fromYyyyww } from '../weeks.ts';
import { CostTable, costOccupancy } from './costing.ts';
import { Hazards } from './hazards.ts';
import {
  exitWeekOf,
  projectExpected,
  simulate,
  STEPS,
  stepOfCount,
  type Occupancy,
  type ProjectionPerson,
} from './projection.ts';
import { StaircaseTracker } from './staircase-tracker.ts';
import { competingProbabilities, constantRateModel } from './test-models.ts';

const START = fromYyyyww(202601);
const profile = { sex: 'K', origin: 'dansk', priorBand: '0' };

function person(state: string, spellWeek = 1, birthYear = 1990, count = 0): ProjectionPerson {
  const staircase = new StaircaseTracker();
  for (let i = count; i >= 1; i--) staircase.weekOfState(START - i, 'kontanthjaelp_jobparat');
  staircase.weekOfState(START, state);
  return { state, spellWeek, birthYear, profile, staircase };
}

function personsIn(occupancy: Occupancy, t: number, state: string): number {
  const s = occupancy.states.indexOf(state);
  let n = 0;
  for (let step = 0; step < STEPS; step++)
    n += occupancy.persons[(t * occupancy.states.length + s) * STEPS + step]!;
  return n;
}

describe('projectExpected', () => {
  it('gives geometric survival under a constant hazard, and an expected duration of 1/p weeks', () => {
    const p = 0.05;
    const hazards = new Hazards(constantRateModel({ kontanthjaelp_jobparat: { job: -Math.log(1 - p) } }), {
      municipality: null,
    });
    const occupancy = projectExpected({
      hazards,
      startWeek: START,
      horizon: 520,
      persons: [person('kontanthjaelp_jobparat')],
    });
    let duration = 0;
    for (let t = 0; t <= 520; t++) {
      expect(personsIn(occupancy, t, 'kontanthjaelp_jobparat')).toBeCloseTo((1 - p) ** t, 12);
      duration += personsIn(occupancy, t, 'kontanthjaelp_jobparat');
    }
    expect(duration).toBeCloseTo(1 / p, 9);
  });

  it('matches the matrix power of a small fixed chain', () => {
    const rates = {
      kontanthjaelp_jobparat: { job: 0.04, adagpenge: 0.01 },
      adagpenge: { job: 0.08, kontanthjaelp_jobparat: 0.005 },
      job: { adagpenge: 0.01, kontanthjaelp_jobparat: 0.002 },
    };
    const hazards = new Hazards(constantRateModel(rates), { municipality: null });
    const states = ['adagpenge', 'job', 'kontanthjaelp_jobparat'];
    const P = states.map((from) => {
      const p = competingProbabilities(rates[from as keyof typeof rates]);
      const row = states.map((to) => p[to] ?? 0);
      row[states.indexOf(from)] = 1 - row.reduce((a, b) => a + b, 0);
      return row;
    });
    let pi = [0, 0, 1];
    const occupancy = projectExpected({
      hazards,
      startWeek: START,
      horizon: 104,
      persons: [person('kontanthjaelp_jobparat')],
    });
    for (let t = 1; t <= 104; t++) {
      pi = states.map((_, j) => pi.reduce((a, x, i) => a + x * P[i]![j]!, 0));
      states.forEach((state, j) => expect(personsIn(occupancy, t, state)).toBeCloseTo(pi[j]!, 12));
    }
  });

  it('puts persons on the staircase steps as the refusion engine does for every history, weighted by its probability', () => {
    // kontanthjælp and a-dagpenge (both on the staircase) and anden forsørgelse (neither on it nor
    // self-support) with constant rates; three persons whose counts (2, 24, 50) cross the steps at
    // 4/5, 26/27 and 52/53 within the horizon. Every history of 10 weeks (3^10) is walked by
    // refusion.ts's staircase() from the person's first week, and its step each week is weighted by
    // the history's probability. The chain must agree exactly: without self-support no count restarts.
    const rates = {
      kontanthjaelp_jobparat: { anden_forsoergelse: 0.15, adagpenge: 0.08 },
      adagpenge: { kontanthjaelp_jobparat: 0.1, anden_forsoergelse: 0.05 },
      anden_forsoergelse: { kontanthjaelp_jobparat: 0.25, adagpenge: 0.05 },
    };
    type State = keyof typeof rates;
    const hazards = new Hazards(constantRateModel(rates), { municipality: null });
    const move = Object.fromEntries(
      Object.entries(rates).map(([from, to]) => {
        const p: Record<string, number> = competingProbabilities(to);
        p[from] = 1 - Object.values(p).reduce((a, b) => a + b, 0);
        return [from, p];
      }),
    ) as Record<State, Record<string, number>>;
    const states = Object.keys(rates) as State[];
    const horizon = 10;
    const starts: [State, number][] = [
      ['kontanthjaelp_jobparat', 2],
      ['adagpenge', 24],
      ['anden_forsoergelse', 50],
    ];
    for (const [state, count] of starts) {
      const occupancy = projectExpected({
        hazards,
        startWeek: START,
        horizon,
        persons: [person(state, 1, 1980, count)],
      });
      const S = occupancy.states.length;
      const expected = new Float64Array(occupancy.persons.length);
      // The weeks before the start: `count` weeks of kontanthjælp, as person() gives the tracker.
      const prior: WeekBenefit[] = Array<WeekBenefit>(count).fill('kontanthjaelp_jobparat');
      const walk = (history: State[], probability: number) => {
        if (history.length === horizon + 1) {
          const weeks = staircase(START - count, [...prior, ...history]);
          history.forEach((s, t) => {
            const week = weeks[count + t]!;
            const step = isOnStaircase(benefitOf(s)) ? stepOfCount(week.count!) : 0;
            expected[(t * S + occupancy.states.indexOf(s)) * STEPS + step]! += probability;
          });
          return;
        }
        const last = history.at(-1)!;
        for (const next of states) {
          const p = move[last][next] ?? 0;
          if (p > 0) walk([...history, next], probability * p);
        }
      };
      walk([state], 1);
      for (let i = 0; i < expected.length; i++)
        expect(occupancy.persons[i], `start ${state} at count ${count}, entry ${i}`).toBeCloseTo(
          expected[i]!,
          12,
        );
    }
  });

  it('carries the staircase classes as a chain over (state, spell week, class) computed week by week does', () => {
    // kontanthjælp ⇄ job with constant rates: the expected engine's segments, ring slots and class
    // steps against a plain chain over every spell week, with the chain's rules written out again:
    // a covered week adds one to the count (53 standing for 53 and more); a week of self-support
    // after the count started restarts it with probability 1/52 (the class 0: not started).
    const rates = { kontanthjaelp_jobparat: { job: 0.05 }, job: { kontanthjaelp_jobparat: 0.015 } };
    const hazards = new Hazards(constantRateModel(rates), { municipality: null });
    const p = {
      kontanthjaelp_jobparat: competingProbabilities(rates.kontanthjaelp_jobparat).job!,
      job: competingProbabilities(rates.job).kontanthjaelp_jobparat!,
    };
    // Two persons whose profiles differ (and so fall in different strata) but whose hazards do not.
    const persons = [
      person('kontanthjaelp_jobparat', 1, 1990, 0),
      { ...person('job', 30, 1985, 60), profile: { ...profile, priorBand: '79-156' } },
    ];
    const horizon = 260;
    const occupancy = projectExpected({ hazards, startWeek: START, horizon, persons });

    const covered = (k: number) => Math.min(k + 1, 53);
    const selfSupport = (k: number): [number, number][] =>
      k === 0
        ? [[0, 1]]
        : [
            [k, 51 / 52],
            [0, 1 / 52],
          ];
    // Mass at index of (state, spell week, count): state 0 = kontanthjælp, 1 = job; kontanthjælp at
    // count 1, job at count 53 (60 weeks).
    const D = 157;
    const at = (state: number, d: number, k: number) => (state * (D + 1) + d) * 54 + k;
    let chain = new Float64Array(2 * (D + 1) * 54);
    chain[at(0, 1, 1)] = 1;
    chain[at(1, 30, 53)] = 1;
    const leave = [p.kontanthjaelp_jobparat, p.job];
    for (let t = 1; t <= horizon; t++) {
      const next = new Float64Array(chain.length);
      for (let state = 0; state < 2; state++)
        for (let d = 1; d <= D; d++)
          for (let k = 0; k <= 53; k++) {
            const mass = chain[at(state, d, k)]!;
            if (mass === 0) continue;
            const d2 = Math.min(d + 1, D);
            const stay = mass * (1 - leave[state]!);
            const moving = mass * leave[state]!;
            if (state === 0) {
              next[at(0, d2, covered(k))]! += stay;
              for (const [k2, w] of selfSupport(k)) next[at(1, 1, k2)]! += moving * w;
            } else {
              for (const [k2, w] of selfSupport(k)) next[at(1, d2, k2)]! += stay * w;
              next[at(0, 1, covered(k))]! += moving;
            }
          }
      chain = next;
      const bySteps = [0, 0, 0, 0, 0];
      for (let d = 1; d <= D; d++)
        for (let k = 0; k <= 53; k++) bySteps[stepOfCount(k)]! += chain[at(0, d, k)]!;
      const s = occupancy.states.indexOf('kontanthjaelp_jobparat');
      bySteps.forEach((v, st) =>
        expect(
          occupancy.persons[(t * occupancy.states.length + s) * STEPS + st],
          `week ${t} step ${st}`,
        ).toBeCloseTo(v, 12),
      );
    }
  });

  it('moves everyone out in the week of 1 January of the year they turn 67', () => {
    const hazards = new Hazards(constantRateModel({ foertidspension: { out: 0.001 } }), {
      municipality: null,
    });
    const occupancy = projectExpected({
      hazards,
      startWeek: START,
      horizon: 104,
      persons: [person('foertidspension', 200, 1960)],
    });
    const exit = exitWeekOf(1960) - START;
    expect(personsIn(occupancy, exit - 1, 'foertidspension')).toBeGreaterThan(0.9);
    expect(personsIn(occupancy, exit, 'foertidspension')).toBe(0);
    expect(personsIn(occupancy, exit, 'out')).toBeCloseTo(1, 12);
  });
});

describe('simulate', () => {
  const rates = {
    kontanthjaelp_jobparat: { job: 0.06, sygedagpenge: 0.01 },
    sygedagpenge: { job: 0.1, kontanthjaelp_jobparat: 0.01 },
    job: { kontanthjaelp_jobparat: 0.03, sygedagpenge: 0.01 },
  };
  const hazards = new Hazards(constantRateModel(rates), { municipality: null });
  const persons = Array.from({ length: 400 }, (_, i) =>
    person(['kontanthjaelp_jobparat', 'sygedagpenge', 'job'][i % 3]!, 1 + (i % 30), 1970 + (i % 30), i % 70),
  );
  const spec = { hazards, startWeek: START, horizon: 156, persons };

  it('agrees on average with the expected values, week by week and state by state, within simulation error', () => {
    const expected = projectExpected(spec);
    const runs = simulate(spec, { replications: 40, seed: 5 });
    let worst = 0;
    for (const t of [1, 13, 52, 104, 156])
      for (const state of hazards.states) {
        const xs = runs.map((r) => personsIn(r, t, state));
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
        const e = personsIn(expected, t, state);
        if (sd > 0) worst = Math.max(worst, Math.abs(mean - e) / (sd / Math.sqrt(xs.length)));
        else expect(mean).toBeCloseTo(e, 9);
      }
    expect(worst).toBeLessThan(4.5);
  });

  it("gives the simulated mean's municipal net within simulation error", () => {
    // Persons moving between kontanthjælp, sygedagpenge, a-dagpenge, anden forsørgelse and jobs, with
    // counts that cross the steps, and few returns from a job (where the chain's restart is
    // approximate): the chain's municipal net summed over each year and the whole horizon, against
    // the mean of the microsimulation (which applies refusion.ts's rules).
    const flows = {
      kontanthjaelp_jobparat: { job: 0.003, sygedagpenge: 0.02, anden_forsoergelse: 0.03 },
      sygedagpenge: { job: 0.003, kontanthjaelp_jobparat: 0.04, adagpenge: 0.02 },
      adagpenge: { job: 0.003, kontanthjaelp_jobparat: 0.02, anden_forsoergelse: 0.02 },
      anden_forsoergelse: { kontanthjaelp_jobparat: 0.03, adagpenge: 0.02 },
      job: { kontanthjaelp_jobparat: 0.0005 },
    };
    const hazards = new Hazards(constantRateModel(flows), { municipality: null });
    const states = Object.keys(flows);
    const stock = Array.from({ length: 1000 }, (_, i) =>
      person(states[i % 4]!, 1 + (i % 40), 1965 + (i % 35), (i * 7) % 90),
    );
    const spec = { hazards, startWeek: START, horizon: 208, persons: stock };
    const costs = new CostTable({ rates: SHIPPED_RATES });
    const byYear = (occupancy: Occupancy) => {
      const out = new Map<number, number>();
      for (const row of costOccupancy(occupancy, costs).byYearAndState)
        out.set(row.year, (out.get(row.year) ?? 0) + row.municipalNet);
      out.set(
        0,
        [...out.values()].reduce((a, b) => a + b, 0),
      );
      return out;
    };
    const chain = byYear(projectExpected(spec));
    const runs = simulate(spec, { replications: 60, seed: 21 }).map(byYear);
    for (const [year, value] of chain) {
      const xs = runs.map((r) => r.get(year) ?? 0);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const se = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1) / xs.length);
      // Seeded, so the same every run: 0.2-1.1 standard errors here, main's block chain 2.7-4.0.
      expect(Math.abs(value - mean) / se, `year ${year || 'all'}`).toBeLessThan(3.5);
    }
  });

  it('charges each simulated week the municipal share the refusion engine gives for that history', () => {
    const histories: HistoryRow[] = [];
    const [run] = simulate(spec, {
      replications: 1,
      seed: 9,
      onHistory: (n, states) =>
        states.forEach((state, t) =>
          histories.push({
            person: String(n),
            weekIndex: START + t,
            benefit: state === 'job' ? null : (state as 'sygedagpenge'),
          }),
        ),
    });
    // The engine needs each person's weeks since 2016: prepend what the tracker was given.
    const prior: HistoryRow[] = [];
    persons.forEach((_, n) => {
      for (let i = n % 70; i >= 1; i--)
        prior.push({ person: String(n), weekIndex: START - i, benefit: 'kontanthjaelp_jobparat' });
    });
    // Week 0 of each history is the start week, already in the tracker: the engine walks the whole of it.
    const engine = staircaseByPerson([...prior, ...histories]);
    const S = run!.states.length;
    const fromEngine = new Float64Array(run!.persons.length);
    for (const week of engine) {
      const t = week.weekIndex - START;
      if (t < 1) continue;
      const s = run!.states.indexOf(week.benefit ?? 'job');
      const step =
        benefitOf(week.benefit ?? 'job').financing.kind === 'refusion' ? stepOfCount(week.count!) : 0;
      fromEngine[(t * S + s) * STEPS + step]! += 1;
    }
    for (let t = 1; t <= 156; t++)
      for (let s = 0; s < S; s++)
        for (let step = 0; step < STEPS; step++)
          expect(
            run!.persons[(t * S + s) * STEPS + step],
            `week ${t} state ${run!.states[s]} step ${step}`,
          ).toBe(fromEngine[(t * S + s) * STEPS + step]);
    const costs = costOccupancy(run!, new CostTable({ rates: SHIPPED_RATES }));
    expect(costs.municipalNetByWeek.every((x) => x > 0)).toBe(true);
  });
});

describe('a closure to new cases inside the projection', () => {
  // Data that end before ressourceforløb closes to new cases (2026-W06): the projection starts in
  // 2025-W40 and the closure falls in its week 18.
  const start = fromYyyyww(202540);
  const closure = fromYyyyww(202606);
  const tClosed = closure - start;
  const horizon = 30;
  const rates = { sygedagpenge: { job: 0.03, ressourceforloeb: 0.02 }, ressourceforloeb: { job: 0.01 } };
  const open = constantRateModel(rates);
  const closed = { ...open, closedFrom: { ressourceforloeb: closure } };
  const stockPerson = (state: string, i: number): ProjectionPerson => {
    const staircase = new StaircaseTracker();
    staircase.weekOfState(start, state);
    return { state, spellWeek: 1 + (i % 20), birthYear: 1980 + (i % 20), profile, staircase };
  };
  const persons = [
    ...Array.from({ length: 300 }, (_, i) => stockPerson('sygedagpenge', i)),
    ...Array.from({ length: 50 }, (_, i) => stockPerson('ressourceforloeb', i)),
  ];
  // 5 a week into sygedagpenge, 2 a week into ressourceforløb.
  const inflow = {
    weeks: 52,
    cells: [
      { state: 'sygedagpenge', age: 40, sex: 'K', origin: 'dansk', persons: 260 },
      { state: 'ressourceforloeb', age: 40, sex: 'K', origin: 'dansk', persons: 104 },
    ],
  };
  const specOf = (model: typeof open) => ({
    hazards: new Hazards(model, { municipality: null }),
    startWeek: start,
    horizon,
    persons,
    inflow,
  });

  it('expected values: moves and inflow as estimated before the closure week, none into the group from it on', () => {
    expect(tClosed).toBe(18);
    const withClosure = projectExpected(specOf(closed));
    const without = projectExpected(specOf(open));
    for (let t = 0; t < tClosed; t++)
      for (const state of ['sygedagpenge', 'ressourceforloeb', 'job'])
        expect(personsIn(withClosure, t, state)).toBeCloseTo(personsIn(without, t, state), 9);
    expect(personsIn(withClosure, tClosed - 1, 'ressourceforloeb')).toBeGreaterThan(
      personsIn(withClosure, tClosed - 2, 'ressourceforloeb'),
    );
    // From the closure: ressourceforløb only loses its persons at the rate 0.01, and sygedagpenge keeps
    // those who would have moved there, with its 5 a week coming in.
    for (let t = tClosed; t <= horizon; t++) {
      expect(personsIn(withClosure, t, 'ressourceforloeb')).toBeCloseTo(
        personsIn(withClosure, t - 1, 'ressourceforloeb') * Math.exp(-0.01),
        9,
      );
      expect(personsIn(withClosure, t, 'sygedagpenge')).toBeCloseTo(
        personsIn(withClosure, t - 1, 'sygedagpenge') * Math.exp(-0.03) + 5,
        9,
      );
    }
  });

  it('microsimulation: each replication moves no one into the group from the closure week, and before it agrees with the expected values', () => {
    const spec = specOf(closed);
    const runs = simulate(spec, { replications: 12, seed: 3 });
    const expected = projectExpected(spec);
    for (const run of runs)
      for (let t = tClosed; t <= horizon; t++)
        expect(personsIn(run, t, 'ressourceforloeb')).toBeLessThanOrEqual(
          personsIn(run, t - 1, 'ressourceforloeb'),
        );
    const xs = runs.map((r) => personsIn(r, tClosed - 1, 'ressourceforloeb'));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(Math.abs(mean - personsIn(expected, tClosed - 1, 'ressourceforloeb'))).toBeLessThan(
      4.5 * (sd / Math.sqrt(xs.length)),
    );
    expect(mean).toBeGreaterThan(personsIn(expected, 0, 'ressourceforloeb') + 50);
  });
});
