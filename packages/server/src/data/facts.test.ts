import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromYyyyww } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, openStore, type Store } from './db.ts';
import { refreshFacts } from './facts.ts';
import { tempDir } from '../cli/test-helpers.ts';

const W = (yyyyww: number) => fromYyyyww(yyyyww);
let store: Store;

beforeAll(async () => {
  store = await openStore(':memory:');
  await store.write(async (c) => {
    await c.run(
      `INSERT INTO code_map VALUES ('111', 'adagpenge', 'x', 'assumed'), ('890', 'sygedagpenge', 'x', 'assumed')`,
    );
    await c.run(
      `INSERT INTO persons VALUES (1, 'a', 1980, 'K', 'dansk'), (2, 'b', 1990, 'M', 'vestlig'), (3, 'c', 1958, 'M', 'dansk')`,
    );
    await c.run(`INSERT INTO person_municipalities VALUES (1, 0, 101, 1), (2, 0, 751, 1), (3, 0, 101, 1)`);
    // Window 2020-W01 .. 2020-W30 for everyone.
    await c.run(
      `INSERT INTO observation_windows VALUES (1, ${W(202001)}, ${W(202030)}, 1), (2, ${W(202001)}, ${W(202030)}, 1), (3, ${W(202001)}, ${W(202030)}, 1)`,
    );
    // Person 1: dagpenge from the first week (left-truncated) to W04, job W05-W09, sygedagpenge W10-W12
    // (two runs of different codes mapped to the same group are one spell), job to the end (censored).
    // Person 2: job W01-W02, dagpenge W03-W30 (censored).
    // Person 3: born 1958, leaves the population at 67 in 2025: not in this window; sygedagpenge W05-W06.
    await c.run(`INSERT INTO runs VALUES
      (1, '111', NULL, ${W(202001)}, ${W(202004)}, 1),
      (1, '890', NULL, ${W(202010)}, ${W(202011)}, 1),
      (1, NULL, 'sygedagpenge', ${W(202012)}, ${W(202012)}, 1),
      (2, '111', NULL, ${W(202003)}, ${W(202030)}, 1),
      (3, '890', NULL, ${W(202005)}, ${W(202006)}, 1)`);
    await refreshFacts(c);
  });
});

afterAll(() => closeStore(':memory:'));

describe('spells from runs', () => {
  it('fills the weeks without benefit with job spells and merges runs of one group', async () => {
    const spells = await store.query<{
      person_id: number;
      benefit: string;
      first_week: number;
      weeks: number;
      destination: string | null;
    }>(
      'SELECT person_id, benefit, first_week, weeks, destination FROM spells WHERE person_id = 1 ORDER BY first_week',
    );
    expect(spells.map((s) => [s.benefit, s.first_week - W(202001) + 1, s.weeks, s.destination])).toEqual([
      ['adagpenge', 1, 4, 'job'],
      ['job', 5, 5, 'sygedagpenge'],
      ['sygedagpenge', 10, 3, 'job'],
      ['job', 13, 18, null],
    ]);
  });

  it('flags spells running when the window opens as left-truncated and those running when it closes as censored', async () => {
    const flags = await store.query<{
      person_id: number;
      benefit: string;
      left_truncated: boolean;
      right_censored: boolean;
      entry_duration: number | null;
    }>(
      'SELECT person_id, benefit, left_truncated, right_censored, entry_duration FROM spells ORDER BY person_id, first_week',
    );
    expect(
      flags.map((f) => [f.person_id, f.benefit, f.left_truncated, f.right_censored, f.entry_duration]),
    ).toEqual([
      [1, 'adagpenge', true, false, null],
      [1, 'job', false, false, 0],
      [1, 'sygedagpenge', false, false, 0],
      [1, 'job', false, true, 0],
      [2, 'job', true, false, null],
      [2, 'adagpenge', false, true, 0],
      [3, 'job', true, false, null],
      [3, 'sygedagpenge', false, false, 0],
      [3, 'job', false, true, 0],
    ]);
  });
});

describe('count tables', () => {
  it('puts spells of known duration at risk week by week and counts their exits by destination', async () => {
    const risk = await store.query<{ duration: number; at_risk: number; exits: number; censored: number }>(
      `SELECT duration, sum(at_risk) AS at_risk, sum(exits) AS exits, sum(censored) AS censored
       FROM duration_at_risk WHERE benefit = 'sygedagpenge' GROUP BY duration ORDER BY duration`,
    );
    // Two sygedagpenge spells of 3 and 2 weeks, both ending in job.
    expect(risk).toEqual([
      { duration: 1, at_risk: 2, exits: 0, censored: 0 },
      { duration: 2, at_risk: 2, exits: 1, censored: 0 },
      { duration: 3, at_risk: 1, exits: 1, censored: 0 },
    ]);
    const events = await store.query<{ destination: string; events: number }>(
      "SELECT destination, sum(events) AS events FROM duration_events WHERE benefit = 'sygedagpenge' GROUP BY 1",
    );
    expect(events).toEqual([{ destination: 'job', events: 2 }]);
  });

  it('leaves left-truncated spells out of the count tables and counts censored spells as at risk only', async () => {
    const dagpenge = await store.query<{
      duration: number;
      at_risk: number;
      exits: number;
      censored: number;
    }>(
      `SELECT duration, sum(at_risk) AS at_risk, sum(exits) AS exits, sum(censored) AS censored
       FROM duration_at_risk WHERE benefit = 'adagpenge' GROUP BY duration ORDER BY duration`,
    );
    // Only person 2's 28-week censored spell; person 1's dagpenge spell is left-truncated.
    expect(dagpenge).toHaveLength(28);
    expect(dagpenge[0]).toEqual({ duration: 1, at_risk: 1, exits: 0, censored: 0 });
    expect(dagpenge[27]).toEqual({ duration: 28, at_risk: 1, exits: 0, censored: 1 });
  });

  it('keeps the covariate cell of each spell: age group at start, sex, origin and municipality', async () => {
    const cells = await store.query<{
      age_group: string;
      sex: string;
      herkomst: string;
      municipality: number;
    }>(
      "SELECT DISTINCT age_group, sex, herkomst, municipality FROM duration_at_risk WHERE benefit = 'adagpenge'",
    );
    expect(cells).toEqual([{ age_group: '30-34', sex: 'M', herkomst: 'vestlig', municipality: 751 }]);
  });
});

describe('the age limits', () => {
  it('ends observation in the week before 1 January of the year the person turns 67', async () => {
    await store.write(async (c) => {
      await c.run(`INSERT INTO persons VALUES (4, 'd', 1953, 'K', 'dansk')`);
      await c.run(`INSERT INTO observation_windows VALUES (4, ${W(201901)}, ${W(202030)}, 2)`);
      await refreshFacts(c);
    });
    const spells = await store.query<{
      last_week: number;
      destination: string | null;
      right_censored: boolean;
    }>('SELECT last_week, destination, right_censored FROM spells WHERE person_id = 4');
    expect(spells).toEqual([{ last_week: W(201952), destination: 'out', right_censored: false }]);
  });
});

describe('spells across the kontanthjælp reform of 1 July 2025', () => {
  const reformDir = tempDir();
  const reformDb = join(reformDir, 'reform.duckdb');
  let reform: Store;
  beforeAll(async () => {
    reform = await openStore(reformDb);
    await reform.write(async (c) => {
      await c.run(
        `INSERT INTO code_map VALUES ('132', 'uddannelseshjaelp', 'x', 'assumed'), ('136', 'kontanthjaelp_grundsats', 'x', 'assumed'), ('131', 'kontanthjaelp_aktivitetsparat', 'x', 'assumed')`,
      );
      await c.run(`INSERT INTO persons VALUES (1, 'a', 2001, 'K', 'dansk'), (2, 'b', 1980, 'M', 'dansk')`);
      await c.run(`INSERT INTO person_municipalities VALUES (1, 0, 101, 1), (2, 0, 101, 1)`);
      await c.run(
        `INSERT INTO observation_windows VALUES (1, ${W(202501)}, ${W(202610)}, 1), (2, ${W(202501)}, ${W(202610)}, 1)`,
      );
      // Person 1: job W01-W19, uddannelseshjælp W20-W26, the grundsats W27-W40, job after.
      // Person 2: job W01-W09, the old kontanthjælp from W10 on, past its end (an old code after 2025-W26).
      await c.run(`INSERT INTO runs VALUES
        (1, '132', NULL, ${W(202520)}, ${W(202526)}, 1),
        (1, '136', NULL, ${W(202527)}, ${W(202540)}, 1),
        (2, '131', NULL, ${W(202510)}, ${W(202610)}, 1)`);
      await refreshFacts(c);
    });
  });
  afterAll(async () => {
    await closeStore(reformDb);
    rmSync(reformDir, { recursive: true, force: true });
  });

  it('keeps one spell on the grundsats from uddannelseshjælp in 2025-W20 to 2025-W40, with no move at the merge', async () => {
    const spells = await reform.query<{ benefit: string; first_week: number; weeks: number; destination: string }>(
      'SELECT benefit, first_week, weeks, destination FROM spells WHERE person_id = 1 ORDER BY first_week',
    );
    expect(spells.map((s) => [s.benefit, s.first_week - W(202501) + 1, s.weeks, s.destination])).toEqual([
      ['job', 1, 19, 'kontanthjaelp_grundsats'],
      ['kontanthjaelp_grundsats', 20, 21, 'job'],
      ['job', 41, W(202610) - W(202541) + 1, null],
    ]);
  });

  it('reads the old kontanthjælp, before and after its end, as the forhøjet sats that carries it on', async () => {
    const spells = await reform.query<{ benefit: string; weeks: number }>(
      'SELECT benefit, weeks FROM spells WHERE person_id = 2 ORDER BY first_week',
    );
    expect(spells).toEqual([
      { benefit: 'job', weeks: 9 },
      { benefit: 'kontanthjaelp_forhoejet', weeks: W(202610) - W(202510) + 1 },
    ]);
  });
});
