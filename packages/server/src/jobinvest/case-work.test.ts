/**
 * The calculator's fast path against the slow reference, on a small generated store: a case put
 * together from kept arms, a break-even search that starts from earlier ones and replications
 * computed in chunks over the worker pool give exactly what core's evaluateInvestment gives for the
 * same case in one go, after changes of the effect, the cost and the participants too; and those
 * changes project and simulate only what they change.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CASE_REPLICATIONS,
  CostTable,
  evaluateInvestment,
  Hazards,
  hazardRatioForExtraPoints,
  QUICK_REPLICATIONS,
  REPLICATION_STAGES,
  SHIPPED_RATES,
  type InvestmentResult,
} from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { generatedStore, type Store } from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import { parseCase, type InvestmentCaseDocument } from './case-schema.ts';
import { SharedWork } from './case-work.ts';
import { caseGroup, evaluateCase, latestCaseStart } from './cases.ts';
import { projectionPerson } from './persons.ts';

const dir = tempDir();
/** Cases may start up to the end of 2027 (the budget year of 6 December 2026). */
const LATEST_START = latestCaseStart(Date.UTC(2026, 11, 6, 12));
let store: Store;
let municipality = '';

beforeAll(async () => {
  ({ store } = await generatedStore({
    persons: 2500,
    municipalities: 2,
    fromYear: 2019,
    toYear: 2024,
    seed: 5,
    outDir: dir,
    db: join(dir, 'store.duckdb'),
  }));
  const [row] = await store.query<{ m: number }>(
    'SELECT municipality AS m, count(*) AS n FROM person_municipalities GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
  );
  municipality = String(row!.m).padStart(3, '0');
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function caseOf(changes: Partial<InvestmentCaseDocument> = {}): InvestmentCaseDocument {
  const parsed = parseCase({
    name: 'Virksomhedspraktik',
    municipality,
    target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 26 },
    participants: 20,
    startWeek: '202502',
    cost: { perParticipant: 10000 },
    effect: { hazardRatio: 1.3, to: ['job'] },
    horizonWeeks: 104,
    discountRate: 0.035,
    replications: 60,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return { ...parsed.value, ...changes };
}

/** The slow reference: the case in one go in this thread, nothing kept. */
async function reference(doc: InvestmentCaseDocument): Promise<InvestmentResult> {
  const { entry, group, stockWeek, startOffset, municipality: m } = await caseGroup(store, doc, LATEST_START);
  return evaluateInvestment({
    model: entry.model,
    hazards: new Hazards(entry.model, { municipality: m }),
    municipality: m,
    stockWeek,
    startOffset,
    targetGroup: group.map(projectionPerson),
    participants: doc.participants,
    cost: {
      perParticipant: doc.cost.perParticipant ?? 0,
      perWeek: doc.cost.perWeek ?? 0,
      weeks: doc.cost.weeks ?? 0,
    },
    effect: { hazardRatio: doc.effect.hazardRatio!, to: doc.effect.to ?? ['job'] },
    horizonWeeks: doc.horizonWeeks,
    discountRate: doc.discountRate,
    costs: new CostTable({ rates: SHIPPED_RATES, language: 'en' }),
    // Without a count, as many as make the probability precise, as the server does.
    replications: doc.replications ?? CASE_REPLICATIONS,
    untilPrecise: doc.replications === undefined,
    seed: doc.seed ?? 1,
  });
}

/** What evaluateCase adds to core's result. */
function figures(r: InvestmentResult): InvestmentResult {
  const keys: (keyof InvestmentResult)[] = [
    'npv',
    'paybackWeek',
    'discountedPaybackWeek',
    'breakEvenEffect',
    'probabilityOfPayback',
    'npvInterval80',
    'npvInterval95',
    'replications',
    'years',
    'cumulativeNet',
    'fullTimePersonsMoved',
    'staircase',
    'startWeek',
    'targetGroupSize',
  ];
  return Object.fromEntries(keys.map((k) => [k, r[k]])) as unknown as InvestmentResult;
}

/** The pool's tasks, by name, while `work` runs. */
async function tasksDuring<T>(work: () => Promise<T>): Promise<{ value: T; tasks: Record<string, number> }> {
  const pool = workPool();
  const tasks: Record<string, number> = {};
  const spy = vi.spyOn(pool, 'run');
  try {
    const value = await work();
    for (const [, name] of spy.mock.calls) tasks[String(name)] = (tasks[String(name)] ?? 0) + 1;
    return { value, tasks };
  } finally {
    spy.mockRestore();
  }
}

describe('the calculator through the worker pool', { timeout: 600_000 }, () => {
  it('gives exactly what the case in one go gives, and after each change only the work the change needs', async () => {
    const evaluate = (doc: InvestmentCaseDocument) =>
      tasksDuring(() => evaluateCase(store, doc, { rates: SHIPPED_RATES, latestStart: LATEST_START }));

    const first = caseOf();
    const a = await evaluate(first);
    expect(figures(a.value)).toEqual(await reference(first));
    // On this store: about 4.36 (and 2.29 at 5,000 kr.), so the search is not the trivial one.
    expect(a.value.breakEvenEffect).toBeGreaterThan(1.3);
    expect(a.value.probabilityOfPayback).not.toBeNull();

    // A new hazard ratio: its arm, and the replications' arms with the intervention; no break-even
    // search (the same for every ratio), no arm without.
    const effect = caseOf({ effect: { hazardRatio: 1.6, to: ['job'] } });
    const b = await evaluate(effect);
    expect(figures(b.value)).toEqual(await reference(effect));
    expect(b.value.breakEvenEffect).toBe(a.value.breakEvenEffect);
    expect(b.tasks).toEqual({ 'jobinvest.caseArm': 1, 'jobinvest.replicationArms': 20 });

    // A new cost: no replication simulated, and a break-even search from the arms kept.
    const cost = caseOf({ effect: { hazardRatio: 1.6, to: ['job'] }, cost: { perParticipant: 5_000 } });
    const c = await evaluate(cost);
    expect(figures(c.value)).toEqual(await reference(cost));
    expect(c.tasks['jobinvest.replicationArms']).toBeUndefined();
    expect(c.tasks['jobinvest.caseArm']).toBeLessThanOrEqual(6);
    expect(c.value.breakEvenEffect).toBeLessThan(a.value.breakEvenEffect!);

    // Other participants: the same arms and break-even effect, replications of the new count.
    const participants = caseOf({
      effect: { hazardRatio: 1.6, to: ['job'] },
      cost: { perParticipant: 5_000 },
      participants: 11,
    });
    const d = await evaluate(participants);
    expect(figures(d.value)).toEqual(await reference(participants));
    expect(d.value.breakEvenEffect).toBe(c.value.breakEvenEffect);
    expect(d.tasks['jobinvest.caseArm']).toBeUndefined();
  });

  it('gives as a first estimate the figures of the first replications, computed once for the final figures too', async () => {
    const quick = caseOf({ replications: QUICK_REPLICATIONS, horizonWeeks: 52 });
    const full = caseOf({ replications: 140, horizonWeeks: 52 });
    const first = await evaluateCase(store, quick, { rates: SHIPPED_RATES, latestStart: LATEST_START });
    expect(figures(first)).toEqual(await reference(quick));
    const { value, tasks } = await tasksDuring(() =>
      evaluateCase(store, full, { rates: SHIPPED_RATES, latestStart: LATEST_START }),
    );
    expect(figures(value)).toEqual(await reference(full));
    // 140 = 7 per draw: the first estimate's 5 per draw are kept, the other 2 per draw are new
    // (both arms of a draw's chunk in one task, on one build of its tables).
    expect(tasks['jobinvest.replicationArms']).toBe(20);
  });
});

describe('the replications beyond the first estimate', { timeout: 600_000 }, () => {
  it("start once the arms are in, the first estimate's at once", async () => {
    const pool = workPool();
    const run = pool.run.bind(pool);
    const events: string[] = [];
    const spy = vi.spyOn(pool, 'run').mockImplementation(((tasks, name, input, options) => {
      const answer = run(tasks, name, input, options);
      if (name === 'jobinvest.caseArm')
        answer.then(
          () => events.push('arm in'),
          () => undefined,
        );
      if (name === 'jobinvest.replicationArms')
        events.push(`chunk from ${(input as { chunk: { from: number } }).chunk.from}`);
      return answer;
    }) as typeof pool.run);
    try {
      // A hazard ratio no other test projects; 140 = 7 per draw, the first estimate's 5 and 2 more.
      const doc = caseOf({ effect: { hazardRatio: 1.45, to: ['job'] }, replications: 140, horizonWeeks: 52 });
      const result = await evaluateCase(store, doc, { rates: SHIPPED_RATES, latestStart: LATEST_START });
      expect(figures(result)).toEqual(await reference(doc));
    } finally {
      spy.mockRestore();
    }
    const armIn = events.indexOf('arm in');
    expect(armIn).toBeGreaterThan(0);
    expect(events.filter((e) => e === 'chunk from 0')).toHaveLength(20);
    expect(events.filter((e) => e === 'chunk from 5')).toHaveLength(20);
    // The first estimate's chunks were asked for beside the arm, the others after it.
    expect(events.indexOf('chunk from 0')).toBeLessThan(armIn);
    expect(events.indexOf('chunk from 5')).toBeGreaterThan(armIn);
  });
});

describe('a case without a count of replications', { timeout: 600_000 }, () => {
  it('has as many as make its probability precise, those of the case in one go', async () => {
    const doc = caseOf({ horizonWeeks: 52, participants: 8 });
    delete doc.replications;
    const result = await evaluateCase(store, doc, { rates: SHIPPED_RATES, latestStart: LATEST_START });
    expect(figures(result)).toEqual(await reference(doc));
    expect(REPLICATION_STAGES).toContain(result.replications);
  });
});

describe('an effect given as extra percentage points in work', { timeout: 600_000 }, () => {
  it('is converted to the hazard ratio core converts it to, and the case evaluated at it', async () => {
    const doc = caseOf({
      effect: { extraPointsInWork: { points: 4, afterMonths: 6 }, to: ['job'] },
      replications: 0,
    });
    const result = await evaluateCase(store, doc, { rates: SHIPPED_RATES, latestStart: LATEST_START });
    const {
      entry,
      group,
      stockWeek,
      startOffset,
      municipality: m,
    } = await caseGroup(store, doc, LATEST_START);
    const setup = {
      model: entry.model,
      municipality: m,
      stockWeek,
      startOffset,
      targetGroup: group.map(projectionPerson),
      participants: doc.participants,
      cost: { perParticipant: 10_000, perWeek: 0, weeks: 0 },
      effect: { hazardRatio: 1, to: ['job'] },
      horizonWeeks: doc.horizonWeeks,
      discountRate: doc.discountRate,
      costs: new CostTable({ rates: SHIPPED_RATES, language: 'en' }),
      replications: 0,
      seed: 1,
    };
    const hazardRatio = hazardRatioForExtraPoints(setup, 4, 26)!;
    expect(hazardRatio).toBeGreaterThan(1);
    expect(result.hazardRatio).toBe(hazardRatio);
    expect(figures(result)).toEqual(evaluateInvestment({ ...setup, effect: { hazardRatio, to: ['job'] } }));
  });
});

describe('SharedWork', () => {
  const started = () => {
    let stop: AbortSignal | null = null;
    let finish: (v: number) => void = () => {};
    const work = new SharedWork<number>((signal) => {
      stop = signal;
      return new Promise((resolve) => (finish = resolve));
    });
    return { work, stopped: () => stop!.aborted, finish: (v: number) => finish(v) };
  };

  it('goes on while one request still waits, and stops when the last one has gone', async () => {
    const { work, stopped } = started();
    const [a, b] = [new AbortController(), new AbortController()];
    const first = work.join(a.signal);
    const second = work.join(b.signal);
    a.abort(new Error('first gone'));
    await expect(first).rejects.toThrow('first gone');
    expect(stopped()).toBe(false);
    b.abort(new Error('second gone'));
    await expect(second).rejects.toThrow('second gone');
    expect(stopped()).toBe(true);
    expect(work.dead).toBe(true);
  });

  it('is not stopped by the requests with a signal when one without a signal waits, and keeps its value', async () => {
    const { work, stopped, finish } = started();
    const a = new AbortController();
    const waiting = work.join(a.signal);
    const kept = work.join();
    a.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(stopped()).toBe(false);
    finish(42);
    expect(await kept).toBe(42);
    expect(work.value).toBe(42);
    expect(work.dead).toBe(false);
  });
});
