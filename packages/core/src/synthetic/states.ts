/** The states the synthetic population moves between. */

import type { BenefitCode } from '../benefits.ts';

/** The states simulated, in a fixed order (the index is the state's number in the engine). */
export const SIM_STATES = [
  'adagpenge',
  'kontanthjaelp_jobparat',
  'kontanthjaelp_aktivitetsparat',
  'uddannelseshjaelp',
  'selvforsoergelsesydelse',
  'sygedagpenge',
  'jobafklaring',
  'ressourceforloeb',
  'revalidering',
  'ledighedsydelse',
  'fleksjob',
  'foertidspension',
  'efterloen',
  'su',
  'job',
  'out',
] as const satisfies readonly BenefitCode[];

export type SimState = (typeof SIM_STATES)[number];
/** A state one can move to through a hazard; 'out' is reached through mortality, emigration or age. */
export type Destination = Exclude<SimState, 'out'>;
