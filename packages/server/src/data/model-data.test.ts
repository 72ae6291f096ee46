import { join } from 'node:path';
import {
  MODEL_DURATION_BANDS,
  ageGroupOf,
  durationBandOf,
  fromYyyyww,
  priorBandOf,
  weekIndexOfDate,
  type TransitionCell,
} from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../config.ts';
import { importFile, storeOf } from './import.ts';
import { GENERATED_FILES, generatePopulation } from './generate.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { closeStore, Store } from './db.ts';
import {
  actualWeeks,
  ageGroupSql,
  durationBandSql,
  historyRuns,
  inflowBefore,
  priorBandSql,
  stockAt,
  transitionCells,
} from './model-data.ts';

const W = (yyyyww: number) => fromYyyyww(yyyyww);
const band = (label: string) => MODEL_DURATION_BANDS.findIndex((b) => b.label === label);

/**
 * A store of hand-written register rows, observed `window` (all persons unless a person has windows
 * of its own): persons (id, birth year, sex, origin), residence rows (id, from week, municipality),
 * benefit runs (id, benefit, first, last). One successful import is logged so that ensureFacts builds
 * the facts.
 */
async function handWrittenStore(spec: {
  window: [number, number];
  persons: [number, number, string, string][];
  residence: [number, number, number][];
  runs: [number, string, number, number][];
  windows?: [number, number, number][];
}): Promise<Store> {
  const store = await Store.open(':memory:');
  await store.write(async (c) => {
    await c.run(
      `INSERT INTO imports VALUES (1, 'dream', 'test', '-', 0, 0, NULL, NULL, current_timestamp, current_timestamp, 'ok', NULL)`,
    );
    const values = (rows: (string | number | null)[][]) =>
      rows
        .map(
          (r) =>
            `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`,
        )
        .join(', ');
    await c.run(
      `INSERT INTO persons VALUES ${values(spec.persons.map(([id, ...rest]) => [id, `p${id}`, ...rest]))}`,
    );
    await c.run(`INSERT INTO person_municipalities VALUES ${values(spec.residence.map((r) => [...r, 1]))}`);
    await c.run(
      `INSERT INTO runs VALUES ${values(spec.runs.map(([id, benefit, first, last]) => [id, null, benefit, first, last, 1]))}`,
    );
    const windows =
      spec.windows ?? spec.persons.map(([id]) => [id, ...spec.window] as [number, number, number]);
    await c.run(`INSERT INTO observation_windows VALUES ${values(windows.map((w) => [...w, 1]))}`);
  });
  return store;
}

/** Trials and exits summed over the cells of each state. */
function byState(
  cells: readonly TransitionCell[],
): Record<string, { trials: number; exits: Record<string, number> }> {
  const out: Record<string, { trials: number; exits: Record<string, number> }> = {};
  for (const c of cells) {
    const s = (out[c.state] ??= { trials: 0, exits: {} });
    s.trials += c.trials;
    for (const [d, n] of Object.entries(c.exits)) s.exits[d] = (s.exits[d] ?? 0) + n;
  }
  return out;
}

/*
 * The main store: 2020-W01 to 2020-W30 (quarters: weeks 1-13, 14-26, 27-30; all within the last 52
 * weeks, so period 0).
 * Person 1 (1980, K, dansk, 101): adagpenge W01-W04 (left-truncated), job W05-W09, sygedagpenge
 *   W10-W12, job W13-W30 (censored).
 * Person 2 (1990, M, vestlig, 101, 751 from W15): job W01-W02 (left-truncated),
 *   kontanthjaelp_forhoejet W03-W20, su W21-W30 (censored).
 * Person 3 (1985, K, ikke-vestlig, 101), observed W01-W05 and W10-W30: job W01-W02 (left-truncated),
 *   adagpenge W03-W05 (censored: the stretch ends with its window); adagpenge W10-W12
 *   (left-truncated), job W13-W19, out W20-W22 (emigrated), sygedagpenge W23-W30 (censored).
 */
describe('on a hand-written store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await handWrittenStore({
      window: [W(202001), W(202030)],
      persons: [
        [1, 1980, 'K', 'dansk'],
        [2, 1990, 'M', 'vestlig'],
        [3, 1985, 'K', 'ikke-vestlig'],
      ],
      residence: [
        [1, 0, 101],
        [2, 0, 101],
        [2, W(202015), 751],
        [3, 0, 101],
      ],
      runs: [
        [1, 'adagpenge', W(202001), W(202004)],
        [1, 'sygedagpenge', W(202010), W(202012)],
        [2, 'kontanthjaelp_jobparat', W(202003), W(202020)],
        [2, 'su', W(202021), W(202030)],
        [3, 'adagpenge', W(202003), W(202005)],
        [3, 'adagpenge', W(202010), W(202012)],
        [3, 'out', W(202020), W(202022)],
        [3, 'sygedagpenge', W(202023), W(202030)],
      ],
      windows: [
        [1, W(202001), W(202030)],
        [2, W(202001), W(202030)],
        [3, W(202001), W(202005)],
        [3, W(202010), W(202030)],
      ],
    });
  });
  afterAll(() => store.close());

  describe('transitionCells', () => {
    let cells: TransitionCell[];
    beforeAll(async () => {
      cells = await transitionCells(store);
    });

    it('counts the weeks of spells whose start is seen, without the last week of a censored spell', () => {
      // job: person 1's W05-W09 (5, moves) and W13-W30 (17: W30 censored), person 3's W13-W19 (7).
      // adagpenge: person 3's W03-W05 (2: W05 censored); the left-truncated spells not at all.
      expect(byState(cells)).toEqual({
        job: { trials: 29, exits: { sygedagpenge: 1, out: 1 } },
        sygedagpenge: { trials: 3 + 7, exits: { job: 1 } },
        kontanthjaelp_forhoejet: { trials: 18, exits: { su: 1 } },
        su: { trials: 9, exits: {} },
        adagpenge: { trials: 2, exits: {} },
      });
    });

    it('puts each week in the cell of its spell week, season, age and the spell’s start', () => {
      const kh = cells.filter((c) => c.state === 'kontanthjaelp_forhoejet');
      // W03-W20: spell weeks 1-11 in weeks 3-13 (quarter 1), 12-18 in weeks 14-20 (quarter 2).
      expect(kh.map((c) => [MODEL_DURATION_BANDS[c.band]!.label, c.quarter, c.trials, c.exits])).toEqual([
        ['1', 1, 1, {}],
        ['2', 1, 1, {}],
        ['3', 1, 1, {}],
        ['4', 1, 1, {}],
        ['5-8', 1, 4, {}],
        ['9-13', 1, 3, {}],
        ['9-13', 2, 2, {}],
        ['14-17', 2, 4, {}],
        ['18-21', 2, 1, { su: 1 }],
      ]);
      // The municipality is the one of the spell's first week, though person 2 moved in W15.
      expect(
        new Set(
          kh.map((c) => `${c.ageGroup} ${c.sex} ${c.origin} ${c.priorBand} ${c.period} ${c.municipality}`),
        ),
      ).toEqual(new Set(['30-34 M vestlig 0 0 101']));
      const su = cells.filter((c) => c.state === 'su');
      expect(new Set(su.map((c) => c.municipality))).toEqual(new Set([751]));
    });

    it('bands the prior support from earlier spells: the 156 weeks before the spell start', () => {
      // su W21: 18 weeks of kontanthjælp before; person 1's job W13: 4 + 3 weeks; person 2's kontanthjælp: none.
      const prior = (state: string) =>
        new Set(cells.filter((c) => c.state === state).map((c) => c.priorBand));
      expect(prior('su')).toEqual(new Set(['1-26']));
      expect(prior('kontanthjaelp_forhoejet')).toEqual(new Set(['0']));
      expect(prior('sygedagpenge')).toEqual(new Set(['1-26']));
    });

    it('does not count the censored last week of a long spell', () => {
      // Person 1's job W13-W30: spell week 18 (W30) is censored, so band 18-21 has no job trials of age 40-44.
      const job = cells.filter((c) => c.state === 'job' && c.ageGroup === '40-44');
      expect(job.find((c) => c.band === band('18-21'))).toBeUndefined();
      expect(job.filter((c) => c.band === band('14-17')).map((c) => [c.quarter, c.trials])).toEqual([
        [2, 1],
        [3, 3],
      ]);
    });

    it('counts a move to out (emigration) as an exit', () => {
      const job = cells.filter((c) => c.state === 'job' && c.origin === 'ikke-vestlig');
      expect(job.reduce((n, c) => n + c.trials, 0)).toBe(7);
      expect(job.find((c) => c.exits.out)?.band).toBe(band('5-8'));
    });

    it('cuts at until: weeks from until on are not trials, and a move counts only before it', async () => {
      // until W13: weeks up to W12. Sygedagpenge W10-W12 still moves in W13, seen at W12 = until − 1.
      expect(byState(await transitionCells(store, { until: W(202013) }))).toEqual({
        job: { trials: 5, exits: { sygedagpenge: 1 } },
        sygedagpenge: { trials: 3, exits: { job: 1 } },
        kontanthjaelp_forhoejet: { trials: 10, exits: {} },
        adagpenge: { trials: 2, exits: {} },
      });
    });

    it('dates the period back from the end of the data: 0 for the last 52 weeks', async () => {
      expect(new Set(cells.map((c) => c.period))).toEqual(new Set(['0']));
      // Ending 52 weeks after the data, every week of the data is in period 1.
      const later = await transitionCells(store, { until: W(202031) + 52 });
      expect(new Set(later.map((c) => c.period))).toEqual(new Set(['1']));
    });
  });

  describe('stockAt', () => {
    it('lists the residents in a state that week with their spell and full history', async () => {
      const stock = await stockAt(store, { week: W(202025), municipality: 101 });
      expect(stock.map((p) => [p.personId, p.state, p.spellWeek, p.leftTruncated, p.priorBand])).toEqual([
        [1, 'job', 13, false, '1-26'],
        [3, 'sygedagpenge', 3, false, '1-26'],
      ]);
      expect(stock[0]!.history).toEqual([
        [W(202001), W(202004), 'adagpenge'],
        [W(202005), W(202009), null],
        [W(202010), W(202012), 'sygedagpenge'],
        [W(202013), W(202025), null],
      ]);
      // Weeks not observed (W06-W09) and spent abroad (W20-W22) are 'out'.
      expect(stock[1]!.history).toEqual([
        [W(202001), W(202002), null],
        [W(202003), W(202005), 'adagpenge'],
        [W(202006), W(202009), 'out'],
        [W(202010), W(202012), 'adagpenge'],
        [W(202013), W(202019), null],
        [W(202020), W(202022), 'out'],
        [W(202023), W(202025), 'sygedagpenge'],
      ]);
      expect(stock[1]).toMatchObject({
        birthYear: 1985,
        sex: 'K',
        origin: 'ikke-vestlig',
        municipality: 101,
      });
    });

    it('takes the municipality in force in the stock week and leaves out persons not observed then', async () => {
      expect((await stockAt(store, { week: W(202025), municipality: 751 })).map((p) => p.personId)).toEqual([
        2,
      ]);
      // Person 3 is not observed in W07.
      const w07 = await stockAt(store, { week: W(202007), municipality: 101 });
      expect(w07.map((p) => [p.personId, p.state, p.spellWeek])).toEqual([
        [1, 'job', 3],
        [2, 'kontanthjaelp_forhoejet', 5],
      ]);
    });

    it('gives a spell running when the data begin as left-truncated, with its weeks since then', async () => {
      const [p1] = await stockAt(store, { week: W(202002), municipality: 101 });
      expect(p1).toMatchObject({
        personId: 1,
        state: 'adagpenge',
        spellWeek: 2,
        leftTruncated: true,
        priorBand: '0',
      });
      expect(p1!.history).toEqual([[W(202001), W(202002), 'adagpenge']]);
    });

    it('refuses a week outside the data and a municipality without persons', async () => {
      await expect(stockAt(store, { week: W(202031), municipality: 101 })).rejects.toThrow(
        'the stock week 2020-W31 is outside the data, which covers 2020-W01 to 2020-W30',
      );
      await expect(stockAt(store, { week: W(202010), municipality: 999 })).rejects.toThrow(
        'municipality 999 has no persons in the store',
      );
    });
  });

  describe('actualWeeks', () => {
    it('counts the residents of each week by state, with 0 where a state is empty', async () => {
      // W13-W14: persons 1 and 3 in job, person 2 on kontanthjælp; person 2 lives in 751 from W15.
      const weeks = await actualWeeks(store, { municipality: 101, fromWeek: W(202013), toWeek: W(202016) });
      expect(weeks.map((w) => [w.week - W(202013) + 13, w.state, w.persons])).toEqual([
        [13, 'job', 2],
        [13, 'kontanthjaelp_forhoejet', 1],
        [14, 'job', 2],
        [14, 'kontanthjaelp_forhoejet', 1],
        [15, 'job', 2],
        [15, 'kontanthjaelp_forhoejet', 0],
        [16, 'job', 2],
        [16, 'kontanthjaelp_forhoejet', 0],
      ]);
    });

    it('counts exactly the persons given, wherever they live, and nobody while out', async () => {
      const weeks = await actualWeeks(store, {
        municipality: 101,
        fromWeek: W(202015),
        toWeek: W(202021),
        personIds: [2, 3],
      });
      const series = (state: string) => weeks.filter((w) => w.state === state).map((w) => w.persons);
      // Person 3: job W15-W19, out W20-W22. Person 2 (in 751): kontanthjælp to W20, su from W21.
      expect(series('job')).toEqual([1, 1, 1, 1, 1, 0, 0]);
      expect(series('kontanthjaelp_forhoejet')).toEqual([1, 1, 1, 1, 1, 1, 0]);
      expect(series('su')).toEqual([0, 0, 0, 0, 0, 0, 1]);
      expect(weeks.some((w) => w.state === 'out')).toBe(false);
    });
  });
});

describe('the end of observation at 67', () => {
  /*
   * 2019-W45 to 2020-W10. Person 4 (born 1953) is observed to 2019-W52, the week before 1 January
   * 2020 when she turns 67: job to W49 (left-truncated), kontanthjaelp_aktivitetsparat W50-W52.
   * Person 5 (1970): job (left-truncated), sygedagpenge 2020-W02-W05, out (emigrated) W06-W10.
   */
  let store: Store;
  beforeAll(async () => {
    store = await handWrittenStore({
      window: [W(201945), W(202010)],
      persons: [
        [4, 1953, 'K', 'dansk'],
        [5, 1970, 'M', 'dansk'],
      ],
      residence: [
        [4, 0, 101],
        [5, 0, 101],
      ],
      runs: [
        [4, 'kontanthjaelp_aktivitetsparat', W(201950), W(202005)],
        [5, 'sygedagpenge', W(202002), W(202005)],
        [5, 'out', W(202006), W(202010)],
      ],
    });
  });
  afterAll(() => store.close());

  it('censors the last week before 67 instead of counting a move to out', async () => {
    const cells = await transitionCells(store);
    expect(byState(cells)).toEqual({
      kontanthjaelp_forhoejet: { trials: 2, exits: {} },
      sygedagpenge: { trials: 4, exits: { out: 1 } },
    });
    expect(cells.filter((c) => c.state === 'kontanthjaelp_forhoejet').map((c) => c.ageGroup)).toEqual([
      '65+',
      '65+',
    ]);
  });
});

describe('inflowBefore', () => {
  /*
   * 2019-W40 to 2020-W30. Persons born 2004 turn 16 in 2020 and are observed from 2020-W01: entries.
   * Person 10 (1980) and person 11 (2003, observed from 2019 on) are there when the data begin.
   */
  let store: Store;
  beforeAll(async () => {
    store = await handWrittenStore({
      window: [W(201940), W(202030)],
      persons: [
        [7, 2004, 'M', 'dansk'],
        [8, 2004, 'K', 'dansk'],
        [9, 2004, 'K', 'dansk'],
        [10, 1980, 'K', 'dansk'],
        [11, 2003, 'M', 'vestlig'],
      ],
      residence: [
        [7, 0, 101],
        [8, 0, 101],
        [9, 0, 751],
        [10, 0, 101],
        [11, 0, 101],
      ],
      runs: [
        [7, 'su', W(202001), W(202010)],
        [11, 'su', W(201940), W(202030)],
      ],
    });
  });
  afterAll(() => store.close());

  it('counts the persons entering the population in the window by state, age, sex and origin', async () => {
    const inflow = await inflowBefore(store, { week: W(202030), municipality: 101 });
    expect(inflow.cells).toEqual([
      { state: 'job', age: 16, sex: 'K', origin: 'dansk', persons: 1 },
      { state: 'su', age: 16, sex: 'M', origin: 'dansk', persons: 1 },
    ]);
    // 52 weeks back reach before the data; entries are counted from the week after the first.
    expect(inflow.weeks).toBe(W(202030) - W(201941) + 1);
    expect((await inflowBefore(store, { week: W(202030), municipality: 751 })).cells).toEqual([
      { state: 'job', age: 16, sex: 'K', origin: 'dansk', persons: 1 },
    ]);
  });

  it('finds no entries in a window after them', async () => {
    expect(await inflowBefore(store, { week: W(202010), municipality: 101, weeks: 4 })).toEqual({
      weeks: 4,
      cells: [],
    });
  });
});

describe('the SQL of the covariates', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });
  afterAll(() => store.close());

  const evaluate = async (expression: (x: string) => string, from: number, to: number) =>
    (
      await store.query<{ v: number }>(
        `SELECT ${expression('x')} AS v FROM range(${from}, ${to + 1}) t(x) ORDER BY x`,
      )
    ).map((r) => r.v);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('bands spell weeks as durationBandOf does', async () => {
    expect(await evaluate(durationBandSql, 1, 400)).toEqual(range(1, 400).map(durationBandOf));
  });

  it('groups ages as ageGroupOf does', async () => {
    const groups = [
      '16-19',
      '20-24',
      '25-29',
      '30-34',
      '35-39',
      '40-44',
      '45-49',
      '50-54',
      '55-59',
      '60-64',
      '65+',
    ];
    expect((await evaluate(ageGroupSql, 0, 140)).map((i) => groups[i])).toEqual(
      range(0, 140).map(ageGroupOf),
    );
  });

  it('bands prior support as priorBandOf does', async () => {
    const labels = ['0', '1-26', '27-78', '79-156'];
    expect((await evaluate(priorBandSql, 0, 156)).map((i) => labels[i])).toEqual(
      range(0, 156).map(priorBandOf),
    );
  });
});

describe('historyRuns', () => {
  it('fills the weeks between spells with out, writes job as null and merges equal neighbours', () => {
    expect(
      historyRuns(10, 30, [
        { f: 12, l: 14, state: 'job' },
        { f: 15, l: 16, state: 'job' },
        { f: 20, l: 22, state: 'out' },
        { f: 23, l: 25, state: 'adagpenge' },
      ]),
    ).toEqual([
      [10, 11, 'out'],
      [12, 16, null],
      [17, 22, 'out'],
      [23, 25, 'adagpenge'],
      [26, 30, 'out'],
    ]);
  });
});

describe('on a generated population', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = tempDir();
    await generatePopulation({
      persons: 2_000,
      municipalities: 3,
      fromYear: 2018,
      toYear: 2021,
      seed: 11,
      outDir: dir,
    });
    const config = normalizeConfig({ db: join(dir, 'store.duckdb') }, 'model-data test');
    await importFile(config, 'dream', join(dir, GENERATED_FILES.dream));
    store = await storeOf(config);
  }, 60_000);
  afterAll(() => closeStore(join(dir, 'store.duckdb')));

  /** Ended spells whose start is seen, by state, without the ends at 67 (reckoned here with core's weeks). */
  async function endedSpells(until: number | null): Promise<Record<string, number>> {
    const ended = await store.query<{
      state: string;
      destination: string;
      last_week: number;
      birth_year: number;
    }>(
      `SELECT s.benefit AS state, s.destination, s.last_week, p.birth_year FROM spells s JOIN persons p USING (person_id)
       WHERE NOT s.left_truncated AND s.destination IS NOT NULL AND s.benefit NOT IN ('out', '(unmapped)')
         ${until === null ? '' : `AND s.last_week < ${until}`}`,
    );
    const counts: Record<string, number> = {};
    for (const s of ended) {
      const at67 =
        s.destination === 'out' && s.last_week === weekIndexOfDate(`${s.birth_year + 67}-01-01`) - 1;
      if (!at67) counts[s.state] = (counts[s.state] ?? 0) + 1;
    }
    return counts;
  }

  const exitsByState = (cells: readonly TransitionCell[]) =>
    Object.fromEntries(
      Object.entries(byState(cells))
        .map(([state, s]) => [state, Object.values(s.exits).reduce((a, b) => a + b, 0)] as const)
        .filter(([, n]) => n > 0),
    );

  it('counts one exit for every ended spell whose start is seen, except the ends at 67', async () => {
    expect(exitsByState(await transitionCells(store))).toEqual(await endedSpells(null));
    const until = W(202026);
    expect(exitsByState(await transitionCells(store, { until }))).toEqual(await endedSpells(until));
  });

  it('counts every week of those spells as a trial except censored last weeks', async () => {
    // Per state: the weeks of the spells, less one for each spell censored (running at the end or
    // reaching 67).
    const expected = await store.query<{ state: string; weeks: number; censored: number }>(
      `SELECT s.benefit AS state, sum(s.weeks) AS weeks,
              count(*) FILTER (WHERE s.destination IS NULL OR (s.destination = 'out'
                AND s.last_week = CAST(floor((date_diff('day', DATE '1970-01-01', make_date(p.birth_year + 67, 1, 1)) + 3) / 7) AS INTEGER) - 1)) AS censored
       FROM spells s JOIN persons p USING (person_id)
       WHERE NOT s.left_truncated AND s.benefit NOT IN ('out', '(unmapped)') GROUP BY 1`,
    );
    const trials = byState(await transitionCells(store));
    expect(Object.fromEntries(Object.entries(trials).map(([s, t]) => [s, t.trials]))).toEqual(
      Object.fromEntries(expected.map((e) => [e.state, e.weeks - e.censored])),
    );
  });

  it('never has more exits than trials in a cell, and names every covariate', async () => {
    const cells = await transitionCells(store);
    for (const c of cells) {
      expect(Object.values(c.exits).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(c.trials);
      expect([c.ageGroup, c.priorBand, c.period, c.sex, c.origin].every((v) => typeof v === 'string')).toBe(
        true,
      );
    }
  });

  it('finds in the stock every resident observed in a state that week', async () => {
    const week = W(202030);
    const [largest] = await store.query<{ municipality: number }>(
      'SELECT municipality FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    const municipality = largest!.municipality;
    const stock = await stockAt(store, { week, municipality });
    const actual = await actualWeeks(store, { municipality, fromWeek: week, toWeek: week });
    expect(stock.length).toBe(actual.reduce((n, a) => n + a.persons, 0));
    for (const p of stock) {
      const runs = p.history;
      expect(runs[runs.length - 1]![1]).toBe(week);
      runs.forEach((r, i) => {
        if (i > 0) expect(r[0]).toBe(runs[i - 1]![1] + 1);
      });
    }
    // The same persons, counted by id, give the same numbers.
    const byId = await actualWeeks(store, {
      municipality,
      fromWeek: week,
      toWeek: week,
      personIds: stock.map((p) => p.personId),
    });
    expect(byId).toEqual(actual);
  });
});
