/**
 * A case evaluated in one go (invest.ts, replications.ts): its arms, figures, break-even effect and,
 * with replications, intervals and the probability of paying back. A server does the same in parts
 * that it keeps between requests and shares out over its workers (server jobinvest/cases.ts), to the
 * same figures.
 */

import { gridSearch } from './grid-search.ts';
import { Hazards } from './hazards.ts';
import {
  BREAK_EVEN_GRID,
  caseArm,
  caseFigures,
  destinationShare,
  effectModifier,
  extraPointsGrid,
  npvPerParticipant,
  checkEffect,
  checkTerms,
  InvestmentError,
  type ArmSetup,
  type InvestmentResult,
  type InvestmentSetup,
} from './invest.ts';
import {
  preciseEnough,
  replicationArmSteps,
  replicationChunks,
  replicationDraws,
  replicationStages,
  withReplications,
  type ReplicationArm,
  type ReplicationChunk,
  type ReplicationDraws,
} from './replications.ts';

function armSetup(setup: InvestmentSetup): ArmSetup {
  if (setup.targetGroup.length === 0)
    throw new InvestmentError('target: expected a target group with at least one person, found 0');
  checkTerms(setup);
  checkEffect(setup.effect);
  return {
    ...setup,
    hazards: setup.hazards ?? new Hazards(setup.model, { municipality: setup.municipality }),
  };
}

/**
 * The hazard ratio that puts `points` percentage points more of the participants in the effect's
 * destinations `afterWeeks` weeks after the start (extraPointsGrid; `null` if no ratio in its range
 * does).
 */
export function hazardRatioForExtraPoints(
  setup: InvestmentSetup,
  points: number,
  afterWeeks: number,
): number | null {
  const arms = armSetup(setup);
  const base = destinationShare(arms, setup.effect, null, afterWeeks);
  return gridSearch(
    extraPointsGrid(points),
    (ratio) => destinationShare(arms, setup.effect, ratio, afterWeeks) - base - points / 100,
  );
}

/** Evaluate a case: expected values, break-even and, with replications, intervals. */
export function evaluateInvestment(setup: InvestmentSetup): InvestmentResult {
  const arms = armSetup(setup);
  const without = setup.baseline ?? caseArm(arms, null);
  const armAt = (ratio: number) => {
    const effect = { ...setup.effect, hazardRatio: ratio };
    return effectModifier(effect, setup.startOffset) ? caseArm(arms, effect) : without;
  };
  const main = armAt(setup.effect.hazardRatio);
  const figures = caseFigures(setup, without, main);
  const breakEvenEffect =
    setup.breakEven === false
      ? null
      : gridSearch(
          BREAK_EVEN_GRID,
          (ratio) => npvPerParticipant(setup, without, armAt(ratio)),
          new Map([[setup.effect.hazardRatio, npvPerParticipant(setup, without, main)]]),
        );
  const result = { ...figures, breakEvenEffect };
  if (setup.replications <= 0) return result;
  const changes = effectModifier(setup.effect, setup.startOffset) !== null;
  const runs = new Map<string, [ReplicationArm[], ReplicationArm[]]>();
  const run = (chunk: ReplicationChunk) => {
    const key = JSON.stringify(chunk);
    let arms = runs.get(key);
    if (!arms) {
      const [without, withEffect] = [null, changes ? setup.effect : null].map((effect) => {
        const steps = replicationArmSteps(setup, effect, chunk);
        for (;;) {
          const step = steps.next();
          if (step.done) return step.value;
        }
      }) as [ReplicationArm[], ReplicationArm[]];
      runs.set(key, (arms = [without, changes ? withEffect : without]));
    }
    return arms;
  };
  const stages = setup.untilPrecise ? replicationStages(setup.replications) : [setup.replications];
  let draws: ReplicationDraws | null = null;
  for (const n of stages) {
    const chunks = replicationChunks(n).map(run);
    draws = replicationDraws(
      setup,
      chunks.flatMap(([without]) => without),
      chunks.flatMap(([, withEffect]) => withEffect),
    );
    if (preciseEnough(draws.paid.filter(Boolean).length, draws.paid.length)) break;
  }
  return withReplications(result, [draws!]);
}
