/**
 * Child process of the benchmark: the outcome model of progression (issue 16) at the issue's size,
 * 27,000 measurements of 4,000 persons simulated with a known truth (core's outcomes-simulation.ts).
 *
 *   tsx bench/progression.ts
 *
 * Prints one JSON line: the measurements, persons, person-weeks and binomial rows; the seconds to
 * group the person-weeks and to fit the indicators' cloglog hazard (best of three, wall clock and
 * CPU); the whole analysis of the outcome page (all models) once; the machine's load average
 * before (the wall-clock figures depend on it on a shared machine). Goal: the fit under 2 s.
 */
import {
  analyseOutcomes,
  DEFAULT_OUTCOME_TRUTH,
  fitIndicatorHazard,
  hazardRows,
  simulateOutcomePersons,
} from '@jobinvest/core';
import { loadavg } from 'node:os';

const loadAverageBefore = loadavg()[0]!;
const persons = simulateOutcomePersons(DEFAULT_OUTCOME_TRUTH);

function best<T>(f: () => T): { value: T; seconds: number; cpuSeconds: number } {
  let result: { value: T; seconds: number; cpuSeconds: number } | null = null;
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const value = f();
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (!result || seconds < result.seconds) result = { value, seconds, cpuSeconds };
  }
  return result!;
}

const rows = best(() => hazardRows(persons));
const fit = best(() => fitIndicatorHazard(rows.value));
const t0 = performance.now();
analyseOutcomes(persons);
const analysisSeconds = (performance.now() - t0) / 1000;

console.log(
  JSON.stringify({
    measurements: persons.reduce((s, p) => s + p.measurements.length, 0),
    persons: persons.length,
    personWeeks: fit.value!.model.personWeeks,
    binomialRows: fit.value!.model.rows,
    groupSeconds: rows.seconds,
    fitSeconds: fit.seconds,
    fitCpuSeconds: fit.cpuSeconds,
    analysisSeconds,
    loadAverageBefore,
  }),
);
