import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL, INDICATORS } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { GENERATED_FILES, generatePopulation } from '../data/index.ts';
import { progressionTruthOf } from './truth.ts';

describe("the demo's progression truth", () => {
  it("reads the generator's truth.json: the model's hazard ratios and readiness effects", async () => {
    const dir = tempDir();
    await generatePopulation({
      persons: 300,
      municipalities: 1,
      fromYear: 2024,
      toYear: 2025,
      seed: 3,
      outDir: dir,
    });
    const truth = progressionTruthOf(JSON.parse(readFileSync(join(dir, GENERATED_FILES.truth), 'utf8')));
    expect(truth).not.toBeNull();
    const hazard = DEFAULT_MODEL.progression.hazard;
    for (const k of INDICATORS)
      expect(truth!.hazardRatioPerPoint[k]).toBeCloseTo(Math.exp(hazard.perPoint[k] ?? 0), 12);
    expect(truth!.caseworkerChangeHazardRatio).toBeCloseTo(0.78, 12);
    expect(truth!.orientationHighVsLowHazardRatio).toBeCloseTo(1.32, 2);
    expect(Object.keys(truth!.interventionReadiness)).toContain('virksomhedspraktik');
    // Measured at least in kontanthjælp (aktivitetsparat), with readiness of the model's scale.
    const at = truth!.meanReadinessAtMeasurement!;
    expect(Object.keys(at).every((s) => DEFAULT_MODEL.progression.states.includes(s as never))).toBe(true);
    expect(at['kontanthjaelp_aktivitetsparat']).toBeGreaterThan(-3);
    expect(at['kontanthjaelp_aktivitetsparat']).toBeLessThan(3);
    expect(truth!.modelVersion).toMatch(/^synthetic-/);
  }, 60_000);

  it('is nothing for a file without a progression part of the expected shape', () => {
    expect(progressionTruthOf({})).toBeNull();
    expect(progressionTruthOf(null)).toBeNull();
    expect(progressionTruthOf({ progression: { hazardRatioPerPoint: { health: 1.2 } } })).toBeNull();
  });
});
