// Child process of the benchmark: generate a synthetic population and report time, speed and peak memory.
import { generatePopulation } from '../packages/server/src/data/generate.ts';

const [persons, outDir] = process.argv.slice(2) as [string, string];
const result = await generatePopulation({
  persons: Number(persons),
  municipalities: 5,
  fromYear: 2016,
  toYear: 2025,
  seed: 1,
  outDir,
});
process.stdout.write(
  JSON.stringify({
    seconds: result.seconds,
    personWeeksPerSecond: Math.round(result.personWeeksPerSecond),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
