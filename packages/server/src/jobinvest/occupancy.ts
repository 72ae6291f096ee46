/** Reading and combining the occupancies that projections give (persons by week, state and step). */

import { STEPS, type Occupancy } from '@jobinvest/core';

/** Persons in state `s` in week `t`, over the staircase steps. */
export function statePersons(occupancy: Occupancy, t: number, s: number): number {
  let n = 0;
  const S = occupancy.states.length;
  for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
  return n;
}

/** The mean of replications, week by week (costing is linear in persons, so its cost is the mean cost). */
export function meanOccupancy(runs: readonly Occupancy[]): Occupancy {
  const first = runs[0]!;
  const persons = new Float64Array(first.persons.length);
  for (const run of runs) for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! + run.persons[i]!;
  for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! / runs.length;
  return { ...first, persons };
}
