/**
 * Writes a synthetic population to a directory: the DREAM file and the municipal files in the
 * formats the importers read, plus `truth.json`, the exact model they were simulated from. Every file
 * ends in the same week, the window's last (`toWeek`, or the last week of `toYear`): DREAM columns,
 * interventions, caseworker assignments and contacts stop there, and the last year's municipal row
 * averages the weeks it has.
 *
 * Persons are simulated and written in chunks through write streams that respect backpressure, so a
 * million persons over ten years never sit in memory together: the DREAM rows of a chunk are
 * written byte by byte into one buffer instead of joining half a million small strings per chunk.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  DEFAULT_DREAM_CODES,
  mondayOf,
  RefusionPrices,
  refusionLines,
  SHIPPED_RATES,
  toDreamColumn,
  toYyyyww,
  weekIndexOf,
  yearWeekOf,
  type BenefitCode,
} from '@jobinvest/core';
import { CITIZEN_INDICATORS, INDICATORS, SEARCH_CHANNELS, channelItem } from '@jobinvest/core';
import {
  PeerExtract,
  SyntheticPopulation,
  isoDate,
  type PopulationEnd,
  type SyntheticModel,
  type SyntheticPerson,
  type SyntheticSummary,
} from '@jobinvest/core';
import { loadConfig, type Config } from '../config.ts';
import { importFile, storeOf } from './import.ts';
import { InputError } from '../input/input-error.ts';
import type { Store } from './db.ts';

export type GenerateOptions = {
  readonly persons: number;
  readonly municipalities: number;
  readonly fromYear: number;
  readonly seed: number;
  /** Directory to write into; created if missing; files of the same names are replaced. */
  readonly outDir: string;
  /** Persons simulated and written per chunk. */
  readonly chunkPersons?: number;
  /** Called after each chunk with the persons written so far. */
  readonly progress?: (personsDone: number) => void;
  /** The model to simulate from; the shipped `DEFAULT_MODEL` if absent. */
  readonly model?: SyntheticModel;
} & PopulationEnd; // the last week (e.g. the week of yesterday, which the command passes) or year

export interface GenerateResult {
  readonly outDir: string;
  readonly files: readonly string[];
  readonly summary: SyntheticSummary;
  readonly seconds: number;
  /** Simulated person-weeks (burn-in included) per second of wall-clock time, writing included. */
  readonly personWeeksPerSecond: number;
}

export const GENERATED_FILES = {
  dream: 'dream.csv',
  persons: 'persons.csv',
  municipalities: 'municipalities.csv',
  interventions: 'interventions.csv',
  caseworkers: 'caseworkers.csv',
  contacts: 'contacts.csv',
  measurements: 'measurements.csv',
  jobindsats: 'jobindsats.csv',
  framework: 'framework.csv',
  ydelsesrefusion: 'ydelsesrefusion.csv',
  truth: 'truth.json',
} as const;

/** The header of measurements.csv: the import file of kind `measurements` (issue 16's contract). */
export const MEASUREMENTS_HEADER = 'person,date,questionnaire,respondent,item,score,caseworker\n';

/** The header of ydelsesrefusion.csv: KOMBIT's weekly file (data/importers/ydelsesrefusion.ts). */
export const YDELSESREFUSION_HEADER =
  'Uge;CPR nummer;Ydelse;Finansiering Kommunenavn;Indberetning udbetalingsbeløb;Beregnet udbetalingsbeløb;' +
  'Refusionssats;Refusionsbeløb;Medfinansieringssats;Medfinansieringsbeløb\r\n';

/** A file system error as one a person can act on: which file, and the system's code (EACCES, ENOSPC, …). */
function writeError(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  return new InputError({
    file: path,
    expected: 'a file that can be written',
    found: (error as NodeJS.ErrnoException).code ?? String(error),
  });
}

/** A write stream whose `write` waits for 'drain' when the stream's buffer is full. */
class FileSink {
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    } catch (error) {
      throw writeError(this.path, error);
    }
  }

  async close(): Promise<void> {
    try {
      this.stream.end();
      await finished(this.stream);
    } catch (error) {
      throw writeError(this.path, error);
    }
  }
}

const COMMA = 44;
const NEWLINE = 10;

/**
 * Simulates a synthetic population and writes it to `options.outDir`; see `GENERATED_FILES` for the
 * files and the command's help for their columns. The same options and seed give byte-identical
 * files; the timing is only in the result, never in a file.
 */
export async function generatePopulation(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const population = new SyntheticPopulation(options);
  try {
    await mkdir(options.outDir, { recursive: true });
  } catch (error) {
    throw new InputError({
      file: options.outDir,
      expected: 'a directory that can be created and written to',
      found: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  const path = (name: string) => join(options.outDir, name);
  const sinks = {
    dream: new FileSink(path(GENERATED_FILES.dream)),
    persons: new FileSink(path(GENERATED_FILES.persons)),
    interventions: new FileSink(path(GENERATED_FILES.interventions)),
    caseworkers: new FileSink(path(GENERATED_FILES.caseworkers)),
    contacts: new FileSink(path(GENERATED_FILES.contacts)),
    measurements: new FileSink(path(GENERATED_FILES.measurements)),
    ydelsesrefusion: new FileSink(path(GENERATED_FILES.ydelsesrefusion)),
  };
  const peers = new PeerExtract(population);
  try {
    await writeAll(population, sinks, peers, options.chunkPersons ?? 1000, options.progress);
  } catch (error) {
    await Promise.allSettled(Object.values(sinks).map((s) => s.close()));
    throw error;
  }
  await Promise.all(Object.values(sinks).map((s) => s.close()));

  const summary = population.summary();
  const municipalityYears = population.municipalityYears();
  const municipalityRows = municipalityYears.map((m) => `${m.code},${m.name},${m.year},${m.population16to66},${m.labourForce16to66}\n`);
  const writeWhole = async (name: string, text: string) => {
    try {
      await writeFile(path(name), text);
    } catch (error) {
      throw writeError(path(name), error);
    }
  };
  await writeWhole(
    GENERATED_FILES.municipalities,
    'code,name,year,population_16_66,labour_force_16_66\n' + municipalityRows.join(''),
  );
  const extract = peers.files(municipalityYears);
  await writeWhole(GENERATED_FILES.jobindsats, extract.jobindsats);
  await writeWhole(GENERATED_FILES.framework, extract.framework);
  await writeWhole(GENERATED_FILES.truth, JSON.stringify(population.truth(summary), null, 2) + '\n');

  const seconds = (performance.now() - started) / 1000;
  return {
    outDir: options.outDir,
    files: Object.values(GENERATED_FILES),
    summary,
    seconds,
    personWeeksPerSecond: summary.personWeeksSimulated / seconds,
  };
}

async function writeAll(
  population: SyntheticPopulation,
  sinks: Record<
    'dream' | 'persons' | 'interventions' | 'caseworkers' | 'contacts' | 'measurements' | 'ydelsesrefusion',
    FileSink
  >,
  peers: PeerExtract,
  chunkPersons: number,
  progress?: (personsDone: number) => void,
): Promise<void> {
  const weeks = population.weeks;
  let done = 0;
  const columns = Array.from({ length: weeks }, (_, w) => toDreamColumn(population.firstWeek + w));
  await Promise.all([
    sinks.dream.write(`PNR,kommune,koen,foedselsaar,herkomst,${columns.join(',')}\n`),
    sinks.persons.write('person,birth_year,sex,origin,municipality\n'),
    sinks.interventions.write('person,type,start_week,end_week,cost\n'),
    sinks.caseworkers.write('person,caseworker,department,from_week,to_week\n'),
    sinks.contacts.write('person,date,kind,caseworker\n'),
    sinks.measurements.write(MEASUREMENTS_HEADER),
    sinks.ydelsesrefusion.write(Buffer.from(YDELSESREFUSION_HEADER, 'latin1')),
  ]);
  const refusion = refusionFile(population);
  const questionnaire = population.model.progression.questionnaire;
  const citizenItems = CITIZEN_INDICATORS.map((k) => `,${questionnaire},citizen,${k},`);
  const channelItems = SEARCH_CHANNELS.map((k) => `,${questionnaire},citizen,${channelItem(k)},`);
  const caseworkerItems = INDICATORS.map((k) => `,${questionnaire},caseworker,${k},`);

  const codeBytes = population.codeTable.map((code) => Buffer.from(code, 'latin1'));
  // YYYYWW of every simulated week (records reach back into the burn-in).
  const yyyyww = new Int32Array(population.lastWeek - population.startWeek + 1);
  for (let w = 0; w < yyyyww.length; w++) yyyyww[w] = toYyyyww(population.startWeek + w);
  const week = (weekIndex: number) => yyyyww[weekIndex - population.startWeek]!;
  const rowBytes = 64 + 4 * weeks;

  while (!population.done) {
    const dream = Buffer.allocUnsafe(chunkPersons * rowBytes);
    let at = 0;
    const persons: string[] = [];
    const interventions: string[] = [];
    const caseworkers: string[] = [];
    const contacts: string[] = [];
    const measurements: string[] = [];
    const refusionRows: string[] = [];
    for (let k = 0; k < chunkPersons; k++) {
      const p: SyntheticPerson | undefined = population.nextPerson();
      if (!p) break;
      done++;
      at += dream.write(`${p.pnr},${p.municipality},${p.sex},${p.birthYear},${p.origin}`, at, 'latin1');
      const cells = p.weekCodes;
      for (let w = 0; w < weeks; w++) {
        dream[at++] = COMMA;
        const bytes = codeBytes[cells[w]!]!;
        for (let b = 0; b < bytes.length; b++) dream[at++] = bytes[b]!;
      }
      dream[at++] = NEWLINE;
      peers.add(p);
      persons.push(`${p.pnr},${p.birthYear},${p.sex},${p.origin},${p.municipality}\n`);
      for (const i of p.interventions) {
        interventions.push(`${p.pnr},${i.type},${week(i.startWeek)},${week(i.endWeek)},${i.costKr}\n`);
      }
      for (const c of p.caseworkers) {
        const to = c.toWeek === null ? '' : week(c.toWeek);
        caseworkers.push(`${p.pnr},${c.caseworker},${c.department},${week(c.fromWeek)},${to}\n`);
      }
      for (const c of p.contacts) contacts.push(`${p.pnr},${isoDate(c.day)},${c.kind},${c.caseworker}\n`);
      for (const m of p.measurements) {
        const head = `${p.pnr},${isoDate(m.day)}`;
        const tail = `,${m.caseworker}\n`;
        const rows = (items: readonly string[], scores: readonly (number | null)[]) => {
          for (let k = 0; k < items.length; k++) measurements.push(head + items[k]! + (scores[k] ?? '') + tail);
        };
        rows(citizenItems, m.citizenScores);
        rows(channelItems, m.channels);
        rows(caseworkerItems, m.caseworkerScores);
      }
      refusion.add(p, refusionRows);
    }
    await Promise.all([
      sinks.dream.write(dream.subarray(0, at)),
      sinks.persons.write(persons.join('')),
      sinks.interventions.write(interventions.join('')),
      sinks.caseworkers.write(caseworkers.join('')),
      sinks.contacts.write(contacts.join('')),
      sinks.measurements.write(measurements.join('')),
      sinks.ydelsesrefusion.write(Buffer.from(refusionRows.join(''), 'latin1')),
    ]);
    progress?.(done);
  }
}

/**
 * The demo's Ydelsesrefusion file (KOMBIT's weekly refusion calculation, RULES.md §4) in the file's
 * own form: Windows-1252, `;`, decimal comma, CRLF, `Uge` as the week's Monday (DD-MM-YYYY), rates
 * in percent. One line per person-week on a benefit of the refusion scheme (core's KOMBIT_YDELSER)
 * from the first week of the year before the window's last year through the window's last week:
 * the year to date and the whole year before, which the budget follow-up compares with the budget.
 * Amounts and staircase steps come from core's `refusionLines` over each person's whole window, at
 * the shipped rate table's rates. The financing municipality is the person's municipality, named as
 * in municipalities.csv.
 *
 * Every character written is in Latin-1, where Windows-1252 agrees with it (æ, ø, å, é, …); the
 * bytes 0x80-0x9F, where the two differ, are never written.
 */
function refusionFile(population: SyntheticPopulation): {
  add: (p: SyntheticPerson, out: string[]) => void;
} {
  const first = population.firstWeek;
  const fromWeek = Math.max(first, weekIndexOf(yearWeekOf(population.lastWeek).year - 1, 1));
  const prices = new RefusionPrices(SHIPPED_RATES);
  const benefitOfCell = population.codeTable.map((code, id): BenefitCode | null => {
    if (id === 0) return null;
    const benefit = DEFAULT_DREAM_CODES.find((d) => d.code === code)?.benefit;
    if (!benefit) throw new Error(`the synthetic population writes DREAM code ${code}, which the code map lacks`);
    return benefit;
  });
  const names = new Map(population.municipalities.map((m) => [m.code, m.name]));
  const mondays = new Map<number, string>();
  const monday = (week: number) => {
    let text = mondays.get(week);
    if (text === undefined) {
      const [y, m, d] = mondayOf(week).split('-');
      mondays.set(week, (text = `${d}-${m}-${y}`));
    }
    return text;
  };
  const kr = (x: number) => x.toFixed(2).replace('.', ',');
  const percent = (x: number) => (x * 100).toFixed(2).replace('.', ',');
  const benefits: (BenefitCode | null)[] = new Array<BenefitCode | null>(population.weeks);
  return {
    add(p, out) {
      let any = false;
      for (let w = 0; w < population.weeks; w++) {
        const b = benefitOfCell[p.weekCodes[w]!]!;
        benefits[w] = b;
        if (b !== null && first + w >= fromWeek) any = true;
      }
      if (!any) return;
      const municipality = names.get(p.municipality) ?? String(p.municipality);
      for (const line of refusionLines(first, benefits, fromWeek, prices)) {
        const gross = kr(line.gross);
        out.push(
          `${monday(line.weekIndex)};${p.pnr};${line.ydelse};${municipality};${gross};${gross};` +
            `${percent(line.refusionRate)};${kr(line.refusionAmount)};${percent(line.cofinancingRate)};${kr(line.cofinancingAmount)}\r\n`,
        );
      }
    },
  };
}

/**
 * A generated population imported into a store at `db` (its persons and DREAM files), for tests and
 * benchmarks that need register data with a known model behind it.
 */
export async function generatedStore(
  options: GenerateOptions & { readonly db: string },
): Promise<{ config: Config; store: Store }> {
  await generatePopulation(options);
  const config = await loadConfig({ cwd: options.outDir, overrides: { db: options.db } });
  await importFile(config, 'persons', join(options.outDir, GENERATED_FILES.persons));
  await importFile(config, 'dream', join(options.outDir, GENERATED_FILES.dream));
  return { config, store: await storeOf(config) };
}
