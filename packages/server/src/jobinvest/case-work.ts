/**
 * What the investment cases of one model keep between requests, and how their work is shared out
 * over the worker pool (core's invest.ts, grid-search.ts and replications.ts say what the parts are):
 *
 * - arms: a target group projected without the intervention or with one effect, per participant,
 *   by the case's group, start and horizon (a change of the participants, the cost or the discount
 *   rate projects nothing; a change of the effect projects the arm with it);
 * - the break-even effect by the case's group, horizon, effect (all but its hazard ratio), cost and
 *   discount rate: a change of the hazard ratio or the participants does not search again, and a
 *   search starts from every arm of the same effect already projected, asking for two new hazard
 *   ratios at a time, one per worker;
 * - the replications' arms by chunk (one parameter draw's block): a change of the effect simulates
 *   the arm with the intervention again, one of the cost or discount rate nothing; a first estimate's
 *   chunks are the start of the full count's, and the chunks beyond them wait for the case's arms.
 *
 * Work that several requests wait for runs once, and stops when every request that asked for it has
 * gone. Everything is kept per model (a data version), so an import starts afresh. Projections go
 * to the pool's live queue, replications to its batch queue.
 */

import { setMaxListeners } from 'node:events';
import {
  BREAK_EVEN_GRID,
  CASE_REPLICATIONS,
  preciseEnough,
  quickReplications,
  effectModifier,
  extraPointsGrid,
  gridSearchStep,
  npvPerParticipant,
  replicationChunks,
  replicationDraws,
  replicationStages,
  type CaseArm,
  type CaseTerms,
  type InterventionEffect,
  type RateTable,
  type ReplicationArm,
  type ReplicationChunk,
  type ReplicationDraws,
  type StockPerson,
} from '@jobinvest/core';
import type { Priority, WorkerPool } from '../workers/index.ts';
import { jobinvestTasks, type ArmInput } from './tasks.ts';

/**
 * Work that several requests may wait for: it runs once, and stops (its signal aborts) when every
 * request that joined it with a signal has gone and none joined without one.
 */
export class SharedWork<T> {
  private readonly controller = new AbortController();
  private waiting = 0;
  private kept = false;
  private settled = false;
  /** The value, once the work has succeeded. */
  value: T | undefined;
  readonly promise: Promise<T>;

  constructor(start: (signal: AbortSignal) => Promise<T>) {
    this.promise = start(this.controller.signal);
    this.promise.then(
      (v) => {
        this.settled = true;
        this.value = v;
      },
      () => {
        this.settled = true;
      },
    );
    // Nobody may be waiting when it fails (all gone): its failure is then nobody's to report.
    this.promise.catch(() => {});
  }

  /** Stopped before its value came, or failed: a request asking for it now needs the work done again. */
  get dead(): boolean {
    return this.value === undefined && (this.controller.signal.aborted || this.settled);
  }

  /** The work's result for one request, which stops waiting when `signal` aborts. */
  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.kept = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    this.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let waits = true;
      const stopWaiting = () => {
        waits = false;
        this.waiting -= 1;
        signal.removeEventListener('abort', leave);
      };
      const leave = () => {
        if (!waits) return;
        stopWaiting();
        if (this.waiting === 0 && !this.kept && !this.settled) this.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      this.promise.then(
        (v) => {
          if (!waits) return;
          stopWaiting();
          resolve(v);
        },
        (e: unknown) => {
          if (!waits) return;
          stopWaiting();
          reject(e);
        },
      );
    });
  }
}

/** The last `size` pieces of shared work by key; one that stopped or failed is started again. */
class Kept<T> {
  private readonly kept = new Map<string, SharedWork<T>>();

  constructor(private readonly size: number) {}

  get(key: string, start: (signal: AbortSignal) => Promise<T>): SharedWork<T> {
    let work = this.kept.get(key);
    if (work) this.kept.delete(key);
    if (!work || work.dead) work = new SharedWork(start);
    this.kept.set(key, work);
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!);
    return work;
  }

  /** Whether work under `key` is kept and neither stopped nor failed. */
  alive(key: string): boolean {
    const work = this.kept.get(key);
    return work !== undefined && !work.dead;
  }

  /** The value kept under `key`, if its work has succeeded. */
  peek(key: string): T | undefined {
    return this.kept.get(key)?.value;
  }
}

/** A case's target group and what its arms are projected over, as the workers take it (tasks.ts). */
export interface CaseBase {
  readonly municipality: number;
  readonly stockWeek: number;
  readonly startOffset: number;
  /** The target group in the stock week, and a key that names it (municipality, week, target). */
  readonly group: readonly StockPerson[];
  readonly groupKey: string;
  readonly horizonWeeks: number;
  readonly rates: RateTable;
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
}

/** An effect in one form for keys: every field given. */
function effectKey(effect: InterventionEffect, withRatio = true): unknown[] {
  return [
    withRatio ? effect.hazardRatio : null,
    [...effect.to].sort(),
    effect.lockIn && effect.lockIn.weeks > 0 ? [effect.lockIn.weeks, effect.lockIn.hazardRatio] : null,
    effect.phaseInWeeks ?? 0,
    effect.halfLifeWeeks ?? null,
    effect.relapseHazardRatio ?? 1,
  ];
}

/** Groups shared with the workers at a time, at most (those in use by a task are kept beyond it). */
const SHARED_GROUPS = 16;

export class CaseWork {
  private readonly arms = new Kept<CaseArm>(256);
  /** The hazard ratios whose arms were asked for, by effect shape (all but the ratio). */
  private readonly ratios = new Map<string, Set<number>>();
  private readonly breakEvens = new Kept<number | null>(64);
  private readonly shares = new Kept<number>(256);
  private readonly conversions = new Kept<number | null>(64);
  private readonly replications = new Kept<ReplicationArm[]>(640);
  /** Groups shared with the workers: tasks in flight using each, in the order last used. */
  private readonly groups = new Map<string, { users: number }>();

  constructor(
    private readonly pool: WorkerPool,
    /** The key the model is shared with the workers under. */
    private readonly model: string,
  ) {}

  /** Run a task on the case's group, shared with the workers while the task needs it. */
  private async onGroup<T>(base: CaseBase, run: (input: ArmInput) => Promise<T>): Promise<T> {
    const key = `${this.model}|group|${base.groupKey}`;
    const entry = this.groups.get(key) ?? { users: 0 };
    if (!this.pool.isShared(key)) this.pool.share(key, base.group);
    this.groups.delete(key);
    this.groups.set(key, entry);
    entry.users += 1;
    try {
      return await run({
        model: this.model,
        municipality: base.municipality,
        stockWeek: base.stockWeek,
        startOffset: base.startOffset,
        group: key,
        horizonWeeks: base.horizonWeeks,
        rates: base.rates,
        ...(base.ownCostPerYear ? { ownCostPerYear: base.ownCostPerYear } : {}),
      });
    } finally {
      entry.users -= 1;
      for (const [k, e] of this.groups) {
        if (this.groups.size <= SHARED_GROUPS) break;
        if (e.users > 0) continue;
        this.groups.delete(k);
        this.pool.unshare(k);
      }
    }
  }

  /** What an arm depends on, beside its effect. */
  private baseKey(base: CaseBase): string {
    return JSON.stringify([
      base.groupKey,
      base.stockWeek,
      base.startOffset,
      base.horizonWeeks,
      base.rates.version,
      base.ownCostPerYear ?? null,
    ]);
  }

  /** The arm without the intervention (`effect` null) or with `effect`; an effect that changes nothing gives the one without. */
  arm(
    base: CaseBase,
    effect: InterventionEffect | null,
    signal?: AbortSignal,
    priority: Priority = 'live',
  ): Promise<CaseArm> {
    const changes = effect !== null && effectModifier(effect, base.startOffset) !== null;
    const asked = changes ? effect : null;
    const baseKey = this.baseKey(base);
    if (asked) {
      const shape = JSON.stringify([baseKey, effectKey(asked, false)]);
      const ratios = this.ratios.get(shape) ?? new Set<number>();
      this.ratios.delete(shape);
      this.ratios.set(shape, ratios.add(asked.hazardRatio));
      if (this.ratios.size > 256) this.ratios.delete(this.ratios.keys().next().value!);
    }
    return this.arms
      .get(JSON.stringify([baseKey, asked && effectKey(asked)]), (own) =>
        this.onGroup(base, (input) =>
          this.pool.run(
            jobinvestTasks,
            'jobinvest.caseArm',
            { ...input, effect: asked },
            { priority, signal: own },
          ),
        ),
      )
      .join(signal);
  }

  /** NPVs per participant known from arms already projected with `effect`'s shape, by hazard ratio. */
  private knownNpvs(base: CaseBase, terms: CaseTerms, effect: InterventionEffect, without: CaseArm) {
    const baseKey = this.baseKey(base);
    const known = new Map<number, number>();
    for (const ratio of this.ratios.get(JSON.stringify([baseKey, effectKey(effect, false)])) ?? []) {
      const at = { ...effect, hazardRatio: ratio };
      const arm = this.arms.peek(JSON.stringify([baseKey, effectKey(at)]));
      if (arm) known.set(ratio, npvPerParticipant(terms, without, arm));
    }
    if (!effectModifier({ ...effect, hazardRatio: 1 }, base.startOffset))
      known.set(1, npvPerParticipant(terms, without, without));
    return known;
  }

  /**
   * The break-even effect of a case with `effect`'s shape (core's BREAK_EVEN_GRID): the same whichever
   * hazard ratio the case has and however many take part.
   */
  breakEven(base: CaseBase, terms: CaseTerms, effect: InterventionEffect, signal?: AbortSignal) {
    const key = JSON.stringify([
      this.baseKey(base),
      effectKey(effect, false),
      terms.cost,
      terms.discountRate,
    ]);
    return this.breakEvens
      .get(key, async (own) => {
        const without = await this.arm(base, null, own);
        for (let round = 0; ; round++) {
          const step = gridSearchStep(this.knownNpvs(base, terms, effect, without), BREAK_EVEN_GRID, round);
          if (step.done) return step.ratio;
          await Promise.all(step.ask.map((ratio) => this.arm(base, { ...effect, hazardRatio: ratio }, own)));
        }
      })
      .join(signal);
  }

  /** Persons per participant in the effect's destinations after `afterWeeks` (core's destinationShare). */
  private share(
    base: CaseBase,
    effect: InterventionEffect,
    ratio: number | null,
    afterWeeks: number,
    signal: AbortSignal,
  ): Promise<number> {
    return this.shares
      .get(
        JSON.stringify([
          this.baseKey(base),
          ratio === null ? null : effectKey(effect, false),
          ratio,
          afterWeeks,
        ]),
        (own) =>
          this.onGroup(base, (input) =>
            this.pool.run(
              jobinvestTasks,
              'jobinvest.destinationShare',
              { ...input, effect, ratio, afterWeeks },
              { priority: 'live', signal: own },
            ),
          ),
      )
      .join(signal);
  }

  /** The hazard ratio that gives `points` percentage points more in the effect's destinations after `afterWeeks` (core's extraPointsGrid). */
  hazardRatioForExtraPoints(
    base: CaseBase,
    effect: InterventionEffect,
    points: number,
    afterWeeks: number,
    signal?: AbortSignal,
  ): Promise<number | null> {
    const key = JSON.stringify([this.baseKey(base), effectKey(effect, false), points, afterWeeks]);
    return this.conversions
      .get(key, async (own) => {
        const grid = extraPointsGrid(points);
        const values = new Map<number, number>();
        const start = await this.share(base, effect, null, afterWeeks, own);
        for (let round = 0; ; round++) {
          const step = gridSearchStep(values, grid, round);
          if (step.done) return step.ratio;
          const asked = await Promise.all(step.ask.map((r) => this.share(base, effect, r, afterWeeks, own)));
          step.ask.forEach((r, i) => values.set(r, asked[i]! - start - points / 100));
        }
      })
      .join(signal);
  }

  /**
   * Arms of a chunk of replications, one per effect (`null`: without the intervention). Those not
   * kept are simulated in one task, on one build of the draw's probability tables.
   */
  private replicationArms(
    base: CaseBase,
    participants: number,
    seed: number,
    effects: readonly (InterventionEffect | null)[],
    chunk: ReplicationChunk,
    signal?: AbortSignal,
  ): Promise<ReplicationArm[]>[] {
    const n = Math.max(1, Math.round(participants));
    const keyOf = (effect: InterventionEffect | null) =>
      JSON.stringify([this.baseKey(base), n, seed, effect && effectKey(effect), chunk]);
    const missing = effects.filter((e) => !this.replications.alive(keyOf(e)));
    const task =
      missing.length === 0
        ? null
        : new SharedWork((own) =>
            this.onGroup(base, (input) =>
              this.pool.run(
                jobinvestTasks,
                'jobinvest.replicationArms',
                { ...input, participants: n, seed, effects: missing, chunk },
                { priority: 'batch', signal: own },
              ),
            ),
          );
    return effects.map((effect) => {
      const i = missing.indexOf(effect);
      return this.replications
        .get(keyOf(effect), (own) => task!.join(own).then((arms) => arms[i]!))
        .join(signal);
    });
  }

  /**
   * Replications 0 … `replications` − 1 of a case, or, `untilPrecise`, those of the first of
   * replicationStages(replications) whose probability is precise enough (core's replicationChunks,
   * replicationDraws and preciseEnough).
   *
   * Those beyond the first estimate's start once `after` (the case's arms) is in: the first estimate
   * waits for the arms too, and replications simulated beside the arm, once the first estimate's were
   * in, took the CPU the arm needed (on two cores that also serve the page).
   */
  async replicate(
    base: CaseBase,
    terms: CaseTerms,
    seed: number,
    effect: InterventionEffect,
    replications: number,
    untilPrecise: boolean,
    after: Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<ReplicationDraws> {
    const changes = effectModifier(effect, base.startOffset) !== null;
    // A listener per chunk waited for, each removed when its chunk is in: not a leak to warn of.
    if (signal) setMaxListeners(0, signal);
    // Chunked so that the first estimate's chunks (the page asks for it first) are the full count's.
    const first = quickReplications(CASE_REPLICATIONS, terms.participants, terms.horizonWeeks);
    let draws: ReplicationDraws | null = null;
    for (const n of untilPrecise ? replicationStages(replications) : [replications]) {
      // The chunks of an earlier stage are kept: only the new ones are simulated.
      const runs = await Promise.all(
        replicationChunks(n, first).map(async (chunk) => {
          // A draw's chunk from 0 is the first estimate's (replicationChunks).
          if (chunk.from > 0) await after;
          const [without, withArms] = this.replicationArms(
            base,
            terms.participants,
            seed,
            changes ? [null, effect] : [null],
            chunk,
            signal,
          );
          return Promise.all([without!, withArms ?? without!]);
        }),
      );
      draws = replicationDraws(
        terms,
        runs.flatMap(([without]) => without),
        runs.flatMap(([, withArms]) => withArms),
      );
      if (preciseEnough(draws.paid.filter(Boolean).length, draws.paid.length)) break;
    }
    return draws!;
  }
}
