import type { DemoTruth, GroupsAnswer } from '@jobinvest/core';

/**
 * The groups' figures beside the truth of the demo's synthetic model: by benefit group, the mean
 * score over all quarters against the group's true mean readiness at its measurements; by
 * intervention, the share that moved up less the share that moved down between the last two
 * measurements against the readiness a participation of mean length adds (none: 0; the
 * measurements are about 13 weeks apart, longer than most participations). The order is what the
 * figures should recover; the scales differ.
 */
export function truthComparison(
  answer: GroupsAnswer,
  truth: DemoTruth,
): { group: string; measured: number; truth: number; measuredRank: number; trueRank: number }[] | null {
  const values: Readonly<Record<string, number>> | null =
    answer.by === 'benefit'
      ? (truth.meanReadinessAtMeasurement ?? null)
      : answer.by === 'intervention'
        ? { ...truth.interventionReadiness, none: 0 }
        : null;
  if (!values) return null;
  const rows = answer.groups.flatMap((g) => {
    const t = values[g.group];
    if (t === undefined) return [];
    let measured: number | null = null;
    if (answer.by === 'benefit') {
      const means = g.quarters.flatMap((q) => Object.values(q.means).filter((v): v is number => v !== null));
      measured = means.length > 0 ? means.reduce((a, b) => a + b, 0) / means.length : null;
    } else if (g.movement.up !== null && g.movement.down !== null) measured = g.movement.up - g.movement.down;
    return measured === null ? [] : [{ group: g.group, measured, truth: t }];
  });
  const rank = (key: 'measured' | 'truth') => {
    const order = [...rows].sort((a, b) => b[key] - a[key]).map((r) => r.group);
    return (group: string) => order.indexOf(group) + 1;
  };
  const [m, t] = [rank('measured'), rank('truth')];
  return rows
    .map((r) => ({ ...r, measuredRank: m(r.group), trueRank: t(r.group) }))
    .sort((a, b) => a.trueRank - b.trueRank);
}
