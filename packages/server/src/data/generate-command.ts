/**
 * `jobinvest generate`: a synthetic population in the DREAM format and the municipal files, from a
 * known model written beside it (truth.json), for demos and for checking that estimators recover it.
 * The window ends in the week `--to` names, by default the week of yesterday: the composition
 * (cli/program.ts) hands in the clock, this command turns it into a week, and core gets the week.
 */

import { resolve } from 'node:path';
import { formatKr, formatNumber, formatPercent, weeksInIsoYear } from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import {
  BENEFIT_RULES,
  POPULATION_LIMITS,
  type GroupPeriodFigures,
  type StateFigures,
  type SyntheticSummary,
} from '@jobinvest/core';
import type { CliIo } from '../context.ts';
import { generatePopulation } from './generate.ts';
import { weekOfYesterday } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';

const L = POPULATION_LIMITS;

/** A parser for a whole number from `min` to `max` ("10000" or "10_000"). */
function wholeNumber(what: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const digits = text.trim().replace(/_/g, '');
    const n = Number(digits);
    if (!/^\d+$/.test(digits) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected ${what}: a whole number from ${min} to ${max}, found "${text}"`,
      );
    }
    return n;
  };
}

function year(text: string): number {
  const n = Number(text.trim());
  if (!/^\d{4}$/.test(text.trim()) || n < L.year.min || n > L.year.max) {
    throw new InvalidArgumentError(`expected a year from ${L.year.min} to ${L.year.max}, found "${text}"`);
  }
  return n;
}

/** `--to`: the last week as YYYYWW, or a year YYYY meaning its last ISO week; the text kept for messages. */
export function lastWeekOption(text: string): { readonly week: number; readonly text: string } {
  const t = text.trim();
  const expected = `expected a week YYYYWW (e.g. 202648) or a year YYYY (its last week) of ${L.year.min}-${L.year.max}, found "${text}"`;
  if (!/^\d{4}(\d{2})?$/.test(t)) throw new InvalidArgumentError(expected);
  const year = Number(t.slice(0, 4));
  if (year < L.year.min || year > L.year.max) throw new InvalidArgumentError(expected);
  if (t.length === 4) return { week: year * 100 + weeksInIsoYear(year), text: t };
  const week = Number(t.slice(4));
  if (week < 1 || week > weeksInIsoYear(year)) {
    throw new InvalidArgumentError(
      `expected a week YYYYWW that exists: ${year} has weeks 1-${weeksInIsoYear(year)}, found "${text}"`,
    );
  }
  return { week: year * 100 + week, text: t };
}

interface GenerateCommandOptions {
  persons: number;
  municipalities: number;
  from: number;
  to?: { week: number; text: string };
  seed: number;
  out: string;
  json?: boolean;
}

const HELP = `
Files written to DIR (CSV: UTF-8, comma-separated unless said, header line, LF):
  dream.csv           PNR,kommune,koen,foedselsaar,herkomst,y_YYWW... one column per ISO week
                      from the first week of --from to the week --to; a cell is the week's DREAM
                      benefit code, empty for job / self-support and before the 16th birthday;
                      997 emigrated, 998 dead, 711 (folkepension) from the 67th birthday.
                      The benefit rules apply by week: from 2025-W27 the kontanthjælp codes
                      135/136/137 (forhøjet sats, grundsats, mindstesats) replace 130/131, 132
                      and 133 for the same persons in the same spells; from 2026-W06 no one
                      enters ressourceforløb (671) or revalidering (601).
  persons.csv         person,birth_year,sex,origin,municipality (person = the PNR; sex M/K;
                      origin dansk/vestlig/ikke-vestlig).
  municipalities.csv  code,name,year,population_16_66,labour_force_16_66 (real codes and names;
                      population = the weekly average of generated persons aged 16-66 over the
                      year's weeks up to --to, labour force = 78 % of it).
  interventions.csv   person,type,start_week,end_week,cost (weeks YYYYWW, cost in kr.; one running
                      in the week --to ends there).
  caseworkers.csv     person,caseworker,department,from_week,to_week (to_week empty while running).
  contacts.csv        person,date,kind,caseworker (date YYYY-MM-DD, kind samtale/udeblivelse).
  measurements.csv    person,date,questionnaire,respondent,item,score,caseworker: BIP progression
                      measurements (questionnaire bip-1) of the persons in kontanthjælp
                      aktivitetsparat, ressourceforløb and jobafklaring, about every 13 weeks; one
                      row per measurement and item: the citizen's 9 indicators and the channels
                      channel:<key> (0/1), the caseworker's 11 indicators (1-5); score empty when
                      unanswered; caseworker = the one who measured. Import kind measurements.
  jobindsats.csv      jobindsats.dk's download format (a title line, then ';', Danish headers,
                      decimal commas, a footnote): Område;Periode;Ydelsesgrupper;Fuldtidspersoner;
                      Personer;Fuldtidspersoner i pct. af arbejdsstyrken;Gennemsnitlig varighed
                      (uger);Andel i beskæftigelse 3 mdr. efter afsluttet forløb (pct.);
                      Aktiveringsgrad (pct.);Arbejdsstyrken 16-66 år;Befolkningen 16-66 år, for all
                      98 municipalities, every jobindsats group and I alt, the last 24 whole months
                      (YYYYMmm). The generated municipalities' figures are their persons' DREAM
                      weeks (a week in the month of its Thursday), spells by jobindsats' month rule
                      (in the month of their last week; empty where none ended) and interventions;
                      the others' are drawn around their average.
  framework.csv       kommune;år;variabel;værdi: the framework conditions of all 98 municipalities
                      in the extract's years (fractions; publicSupport and unemployment follow the
                      extract, the rest are drawn).
  truth.json          the model simulated from (every hazard, effect and rule, and how the benefit
                      rules are applied: model.reforms), the seed, the municipality effects, the
                      calendar series and the generated figures (per model state, and per benefit
                      group written and period: summary.groups); progression: the true readiness
                      model, loadings, noise, hazard per score point, caseworker change and each
                      caseworker's job orientation behind measurements.csv.
The same options and seed give byte-identical files. The PNRs are made up (real birth dates, CPR
century and sex digits) and belong to no one.`;

/**
 * Adds `generate` to the program; errors in option values are one line through commander. `today`
 * is the clock (the composition's), read only when `--to` is not given.
 */
export function registerGenerateCommand(program: Command, io: CliIo, today: () => Date): void {
  program
    .command('generate')
    .description(
      'Simulate a synthetic population of persons week by week from a known model and write it as ' +
        'DREAM and municipal files, with the model itself in truth.json.',
    )
    .requiredOption('--out <dir>', 'directory to write into (created if missing; files are replaced)')
    .option(
      '--persons <n>',
      `persons ever aged 16-66 in the window (${L.persons.min}-${formatNumber(L.persons.max)})`,
      wholeNumber('a number of persons', L.persons.min, L.persons.max),
      10_000,
    )
    .option(
      '--municipalities <n>',
      `number of municipalities (${L.municipalities.min}-${L.municipalities.max}): a spread from the largest to the smallest`,
      wholeNumber('a number of municipalities', L.municipalities.min, L.municipalities.max),
      5,
    )
    .option('--from <year>', 'first year of the window', year, 2016)
    .option(
      '--to <week>',
      'last week of the window, YYYYWW (e.g. 202648); a year YYYY means its last ISO week, as before (default: the week of yesterday)',
      lastWeekOption,
    )
    .option('--seed <n>', 'random seed', wholeNumber('a seed', L.seed.min, L.seed.max), 1)
    .option('--json', 'print the summary as JSON: {outDir, files, seconds, personWeeksPerSecond, summary}')
    .addHelpText('after', HELP)
    .action(async (options: GenerateCommandOptions, command: Command) => {
      const toWeek = options.to?.week ?? weekOfYesterday(today());
      if (Math.floor(toWeek / 100) < options.from) {
        command.error(
          `error: --to (${options.to?.text ?? `${toWeek}, the week of yesterday`}) must not be before --from (${options.from})`,
        );
      }
      const result = await generatePopulation({
        persons: options.persons,
        municipalities: options.municipalities,
        fromYear: options.from,
        toWeek,
        seed: options.seed,
        outDir: resolve(io.cwd, options.out),
      });
      if (options.json) {
        io.out(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      const s = result.summary;
      const share = (x: number | null) => (x === null ? '' : formatPercent(x, 2));
      const weeks = (x: number | null) => (x === null ? '-' : String(x));
      io.out(
        `${formatNumber(s.persons)} persons in ${s.municipalities.length} municipalities ` +
          `(${s.municipalities.map((m) => `${m.name} ${m.code}: ${formatNumber(m.persons)}`).join(', ')}), ` +
          `weeks ${s.firstWeek}-${s.lastWeek} (${s.weeks}), seed ${options.seed}.\n` +
          `Wrote ${result.files.join(', ')} to ${result.outDir}.\n\n`,
      );
      io.out(
        renderTable<StateFigures>(
          [
            { header: 'state', value: (x) => x.state },
            { header: 'target share', value: (x) => share(x.targetStockShare), align: 'right' },
            { header: 'share, last week', value: (x) => share(x.stockShareLastWeek), align: 'right' },
            { header: 'share, window', value: (x) => share(x.stockShareWindowAverage), align: 'right' },
            { header: 'target median', value: (x) => weeks(x.targetMedianWeeks), align: 'right' },
            { header: 'median (KM)', value: (x) => weeks(x.kaplanMeierMedianWeeks), align: 'right' },
            { header: 'median, completed', value: (x) => weeks(x.medianCompletedWeeks), align: 'right' },
            { header: 'spells started', value: (x) => formatNumber(x.spellsStarted), align: 'right' },
          ],
          s.states,
        ),
      );
      io.out(
        `\nShares of the population 16-66 (${formatNumber(s.populationLastWeek)} in the last week); medians in ` +
          'weeks of the spells started in the window (KM: Kaplan-Meier, censored at the window end and at 67).\n' +
          `Interventions started in the window: ${formatNumber(s.interventions.startedInWindow)} ` +
          `(${formatKr(s.interventions.costKrInWindow)}). Caseworker assignments: ${formatNumber(s.caseworkerAssignments)}; ` +
          `contacts: ${formatNumber(s.contacts)}; progression measurements: ${formatNumber(s.measurements)}.\n` +
          `Simulated ${formatNumber(s.personWeeksSimulated)} person-weeks (burn-in of ${s.burnInWeeks} weeks included) ` +
          `in ${formatNumber(result.seconds, 1)} s: ${formatNumber(result.personWeeksPerSecond)} person-weeks per second.\n`,
      );
      io.out(ruleTable(s));
    });
}

/** The groups the benefit rules change, and the periods from the year before the first rule in the window. */
function ruleTable(s: SyntheticSummary): string {
  const changed = new Set<string>();
  for (const rule of BENEFIT_RULES) {
    if (rule.change.kind === 'merge')
      for (const [from, to] of Object.entries(rule.change.successors)) changed.add(from).add(to);
    else for (const b of rule.change.benefits) changed.add(b);
  }
  const firstRule = BENEFIT_RULES.map((r) => r.fromWeek).find((w) => w > s.firstWeek && w <= s.lastWeek);
  if (firstRule === undefined) return '';
  const from = (Math.floor(firstRule / 100) - 1) * 100 + 1;
  const rows = s.groups.filter((g) => g.toWeek >= from && changed.has(g.group));
  const periods = [...new Set(rows.map((g) => `${g.fromWeek}-${g.toWeek}`))];
  const groups = [...new Set(rows.map((g) => g.group))];
  const cell = new Map(rows.map((g) => [`${g.group} ${g.fromWeek}-${g.toWeek}`, g]));
  const show = (g: GroupPeriodFigures | undefined) =>
    g ? `${formatNumber(g.stockLastWeek)} (${formatNumber(g.entries)})` : '';
  return (
    '\nThe groups the benefit rules change, as written in dream.csv: persons in the last week of each period ' +
    '(spells started in it). Periods are cut where a rule takes effect.\n\n' +
    renderTable<string>(
      [
        { header: 'group', value: (group) => group },
        ...periods.map((p) => ({
          header: p,
          value: (group: string) => show(cell.get(`${group} ${p}`)),
          align: 'right' as const,
        })),
      ],
      groups,
    )
  );
}
