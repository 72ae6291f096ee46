/**
 * `jobinvest kpi`: jobindsats' measures of a municipality (or of its departments or caseworkers) on
 * the store's data. A table in Danish number format by default; `--json` prints the contract (kpi.ts):
 * at the municipality level `{ rule, measures, … }`, at the others an array of `{ level, key, measures }`.
 * The command line reads the store as its owner does, without suppression.
 */

import {
  formatNumber,
  formatPercent,
  isJobindsatsAgeGroup,
  SPELL_DURATION_BANDS,
  type JobindsatsAgeGroup,
  type KpiMeasures,
  type Language,
  type SpellDurationBand,
} from '@jobinvest/core';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { json, parseMunicipality, parseWeek } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { loadConfig } from '../config.ts';
import type { CliIo } from '../context.ts';
import { storeOf } from '../data/index.ts';
import { audit, localUsername } from '../data/index.ts';
import { parseNumber } from '../input/numbers.ts';
import { ratesFor } from '../rules/index.ts';
import { addGoal, GOAL_MEASURES, listGoals } from './goals.ts';
import { scorecardOf, type PeerKind } from './scorecard.ts';
import { scorecardPdf } from './scorecard-report.ts';
import { kpi, KPI_BENEFITS } from './kpi.ts';
import { KPI_LEVELS, type KpiLevel } from './measures.ts';

function parseBenefit(text: string): string {
  if (!KPI_BENEFITS.includes(text))
    throw new InvalidArgumentError(
      `expected all or one of ${KPI_BENEFITS.slice(1).join(', ')}, found "${text}"`,
    );
  return text;
}

function parseAgeGroup(text: string): JobindsatsAgeGroup {
  if (!isJobindsatsAgeGroup(text))
    throw new InvalidArgumentError(`expected an age group such as 30-34 or 65+, found "${text}"`);
  return text;
}

function parseDurationBand(text: string): SpellDurationBand {
  const band = SPELL_DURATION_BANDS.find((b) => b.id === text);
  if (!band)
    throw new InvalidArgumentError(
      `expected a duration band (${SPELL_DURATION_BANDS.map((b) => b.id).join(', ')}), found "${text}"`,
    );
  return band.id;
}

const number = (x: number | null, decimals = 0) => (x === null ? '–' : formatNumber(x, decimals));
const percent = (x: number | null) => (x === null ? '–' : formatPercent(x));

/** The headline measures as lines of a table. */
function measureLines(m: KpiMeasures): [string, string][] {
  return [
    ['Personer', number(m.persons)],
    ['Fuldtidspersoner', number(m.fullTimePersons, 1)],
    ['Andel af arbejdsstyrken', percent(m.shareOfLabourForce)],
    ['Gns. uger pr. person', number(m.averageWeeksPerPerson, 1)],
    ['Forløb primo', number(m.stockAtStart)],
    ['Påbegyndte forløb', number(m.spellsStarted)],
    ['Afsluttede forløb', number(m.spellsEnded)],
    ['Forløb ultimo', number(m.stockAtEnd)],
    ['Uafklarede forløb', number(m.spellsUnsettled)],
    ['Gns. varighed af afsluttede forløb (uger)', number(m.averageDurationEndedWeeks, 1)],
    ...(['1', '3', '6', '12'] as const).map((k): [string, string] => [
      `I beskæftigelse ${k} mdr. efter`,
      percent(m.statusAfter[k].work),
    ]),
    ['Tilbagefald inden for 3 mdr.', percent(m.relapse)],
    ['Aktiveringsgrad', percent(m.activationRate)],
    ['Samtaler pr. person', number(m.conversationsPerPerson, 1)],
    ['Rettidighed', percent(m.timelyShare)],
    ['Udeblivelser', percent(m.noShowShare)],
    ['Personer pr. sagsbehandler', number(m.personsPerCaseworker, 1)],
  ];
}

function parseDanishNumber(text: string): number {
  const value = parseNumber(text);
  if (value === null) throw new InvalidArgumentError(`expected a number such as 482 or 8,5, found "${text}"`);
  return value;
}

function parseGoalMeasure(text: string): string {
  if (!(text in GOAL_MEASURES))
    throw new InvalidArgumentError(
      `expected one of ${Object.keys(GOAL_MEASURES).join(', ')}, found "${text}"`,
    );
  return text;
}

export function registerMonitoringCommands(program: Command, io: CliIo): void {
  const configFor = (db: string | undefined) =>
    loadConfig({
      cwd: io.cwd,
      configFile: program.opts<{ config?: string }>().config,
      overrides: db === undefined ? {} : { db },
    });
  const storeFor = async (db: string | undefined) => storeOf(await configFor(db));
  program
    .command('kpi')
    .description(
      "jobindsats' measures of a municipality on the store's data (persons, full-time persons, spells by the month rule, " +
        'status 1/3/6/12 months after, activation, contacts), at the municipality, department or caseworker level.',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .requiredOption('--benefit <code>', 'a benefit group, or all for all public support', parseBenefit)
    .requiredOption('--from <YYYYWW>', "the period's first week", parseWeek)
    .requiredOption('--to <YYYYWW>', "the period's last week", parseWeek)
    .addOption(new Option('--level <level>', 'the level').choices(KPI_LEVELS).default('municipality'))
    .option('--age-group <group>', 'target group: age group (16-19, 20-24, …, 65+)', parseAgeGroup)
    .option('--origin <origin>', 'target group: origin as in the persons file')
    .option(
      '--duration-band <band>',
      'target group: spell duration band (1-4, 5-13, …, 105+)',
      parseDurationBand,
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        municipality: number;
        benefit: string;
        from: number;
        to: number;
        level: KpiLevel;
        ageGroup?: JobindsatsAgeGroup;
        origin?: string;
        durationBand?: SpellDurationBand;
        db?: string;
        json?: boolean;
      }) => {
        const answer = await kpi(await storeFor(options.db), {
          municipality: options.municipality,
          benefit: options.benefit,
          from: options.from,
          to: options.to,
          level: options.level,
          ageGroup: options.ageGroup ?? null,
          origin: options.origin ?? null,
          durationBand: options.durationBand ?? null,
          threshold: null,
        });
        if (options.json) {
          if (answer.level === 'municipality') return io.out(json(answer));
          return io.out(json(answer.rows));
        }
        io.out(
          `Municipality ${answer.municipality}, ${answer.benefit}, ${answer.from}-${answer.to} (data to ${answer.dataLast}); ${answer.rule.en}\n\n`,
        );
        if (answer.measures) {
          io.out(
            renderTable(
              [
                { header: 'Mål', value: (r: [string, string]) => r[0] },
                { header: 'Værdi', value: (r: [string, string]) => r[1], align: 'right' },
              ],
              measureLines(answer.measures),
            ),
          );
          return;
        }
        const lines = answer.rows.map((row) => [row.key, ...measureLines(row.measures).map((l) => l[1])]);
        const names = answer.measures === null && answer.rows[0] ? measureLines(answer.rows[0].measures) : [];
        io.out(
          renderTable(
            [
              {
                header: answer.level === 'department' ? 'Afdeling' : 'Sagsbehandler',
                value: (r: string[]) => r[0]!,
              },
              ...names.slice(0, 8).map(([name], i) => ({
                header: name,
                value: (r: string[]) => r[i + 1]!,
                align: 'right' as const,
              })),
            ],
            lines,
          ),
        );
      },
    );

  const goals = program
    .command('goals')
    .description('Result goals of the beskæftigelsesplan, with their status from the store');
  goals
    .command('add')
    .description(
      'Add a goal on a measure: its baseline period (and value, counted from the store when not given), the target and the week to reach it by.',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .requiredOption('--benefit <code>', 'a benefit group, or all for all public support', parseBenefit)
    .requiredOption('--measure <id>', `one of ${Object.keys(GOAL_MEASURES).join(', ')}`, parseGoalMeasure)
    .requiredOption('--name <text>', "the goal's name, e.g. 'Færre på sygedagpenge'")
    .requiredOption('--baseline-from <YYYYWW>', "the baseline period's first week", parseWeek)
    .requiredOption('--baseline-to <YYYYWW>', "the baseline period's last week", parseWeek)
    .option(
      '--baseline-value <number>',
      'the baseline value (default: counted from the store)',
      parseDanishNumber,
    )
    .requiredOption('--target <number>', 'the target value (Danish or plain: 482, 8,5)', parseDanishNumber)
    .requiredOption('--target-week <YYYYWW>', 'the week the target is to be reached by', parseWeek)
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        municipality: number;
        benefit: string;
        measure: string;
        name: string;
        baselineFrom: number;
        baselineTo: number;
        baselineValue?: number;
        target: number;
        targetWeek: number;
        db?: string;
        json?: boolean;
      }) => {
        const store = await storeFor(options.db);
        const id = await addGoal(
          store,
          {
            municipality: options.municipality,
            benefit: options.benefit,
            measure: options.measure,
            name: options.name,
            baselineFrom: options.baselineFrom,
            baselineTo: options.baselineTo,
            baselineValue: options.baselineValue ?? null,
            targetValue: options.target,
            targetWeek: options.targetWeek,
          },
          localUsername(),
          null,
        );
        await audit(store, {
          username: localUsername(),
          role: 'admin',
          action: 'goal.add',
          resource: `goal ${id}: ${options.name}`,
          persons: [],
        });
        const added = (await listGoals(store, [options.municipality], null)).find((g) => g.goalId === id)!;
        if (options.json) return io.out(json(added));
        io.out(`Goal ${id} added: ${added.name}\n`);
      },
    );
  goals
    .command('list')
    .description('The goals with their status: concrete goal, status and the share realised.')
    .option('--municipality <code>', 'only this municipality', parseMunicipality)
    .option(
      '--forecast',
      "where the forecast puts each goal on full-time persons or their share of the labour force at its target date, and the probability of reaching it (waits for the forecast's replications: minutes for a large municipality)",
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { municipality?: number; forecast?: boolean; db?: string; json?: boolean }) => {
      const config = await configFor(options.db);
      const list = await listGoals(
        await storeOf(config),
        options.municipality === undefined ? null : [options.municipality],
        null,
        options.forecast ? { rates: await ratesFor(config), waitForBandsMs: 3_600_000 } : null,
      );
      if (options.json) return io.out(json(list));
      if (list.length === 0) return io.out('No goals yet: jobinvest goals add adds one.\n');
      const decimals = (g: (typeof list)[number]) =>
        g.measure.startsWith('share') || g.measure.endsWith('Rate') || g.measure === 'workAfter3Months'
          ? 3
          : 1;
      io.out(
        renderTable(
          [
            { header: 'Id', value: (g) => String(g.goalId), align: 'right' },
            { header: 'Mål', value: (g) => g.name },
            { header: 'Kommune', value: (g) => String(g.municipality).padStart(3, '0') },
            { header: 'Ydelse', value: (g) => g.benefit },
            {
              header: 'Nulpunkt',
              value: (g) => `${number(g.baseline.value, decimals(g))} (${g.baseline.to})`,
              align: 'right',
            },
            {
              header: 'Resultatmål',
              value: (g) => `${number(g.target.value, decimals(g))} (${g.target.week})`,
              align: 'right',
            },
            { header: 'Konkret mål', value: (g) => number(g.concreteGoal, decimals(g)), align: 'right' },
            {
              header: 'Status',
              value: (g) => `${number(g.status, decimals(g))} (${g.latest.to})`,
              align: 'right',
            },
            { header: 'Realiseret', value: (g) => percent(g.realised), align: 'right' },
            ...(options.forecast
              ? [
                  {
                    header: 'Prognose',
                    value: (g: (typeof list)[number]) =>
                      g.forecast?.state === 'ready' ? number(g.forecast.median, decimals(g)) : '',
                    align: 'right' as const,
                  },
                  {
                    header: 'Sandsynlighed',
                    value: (g: (typeof list)[number]) =>
                      g.forecast?.state === 'ready' ? percent(g.forecast.probabilityOfReaching) : '',
                    align: 'right' as const,
                  },
                ]
              : []),
          ],
          list,
        ),
      );
    });

  program
    .command('scorecard')
    .description(
      "KL's scorecard of a benefit group: more in work, faster into work, staying in work, activation and the savings " +
        'potential, each on level and development (the running year against the one before) against the peers.',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .requiredOption(
      '--benefit <code>',
      'a jobindsats group (e.g. sygedagpenge, kontanthjaelp) or all',
      parseBenefit,
    )
    .requiredOption('--to <YYYYWW>', "a week of the running year's last month", parseWeek)
    .addOption(
      new Option(
        '--peers <kind>',
        'similar: the 10 most similar on framework conditions; cluster: the cluster table',
      )
        .choices(['similar', 'cluster'])
        .default('similar'),
    )
    .option('--pdf <file>', "write the scorecard as the committee's one-page A4 PDF to FILE")
    .addOption(
      new Option('--language <language>', 'the language of the PDF').choices(['da', 'en']).default('da'),
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        municipality: number;
        benefit: string;
        to: number;
        peers: PeerKind;
        pdf?: string;
        language: Language;
        db?: string;
        json?: boolean;
      }) => {
        const config = await configFor(options.db);
        const store = await storeOf(config);
        const answer = await scorecardOf(store, {
          municipality: options.municipality,
          benefit: options.benefit,
          to: options.to,
          peers: { kind: options.peers },
          rates: await ratesFor(config),
          threshold: null,
          forecastReplications: 0,
        });
        if (options.pdf !== undefined) {
          const file = resolve(options.pdf);
          await writeFile(file, await scorecardPdf(store, answer, options.language));
          await audit(store, {
            username: localUsername(),
            role: 'admin',
            action: 'export.pdf',
            resource: `scorecard report: ${options.municipality} ${options.benefit} ${answer.period.from}-${answer.period.to} (${options.peers})`,
            persons: [],
          });
          return io.out(
            `Wrote the scorecard of municipality ${answer.municipality}, ${answer.benefit}, ${answer.period.from}-${answer.period.to}, to ${file}.\n`,
          );
        }
        if (options.json) return io.out(json(answer));
        const card = answer.scorecard;
        const mark = (a: string | null) =>
          a === 'better' ? '+' : a === 'worse' ? '−' : a === 'same' ? '=' : '?';
        const show = (id: string, x: number | null) =>
          x === null
            ? '–'
            : id === 'flereIJob' || id === 'fastholdelse' || id === 'aktiveringsgrad'
              ? formatPercent(x)
              : id === 'besparelsespotentiale'
                ? `${formatNumber(x)} kr.`
                : formatNumber(x, 1);
        const showDevelopment = (id: string, x: number | null) =>
          x === null
            ? '–'
            : id === 'flereIJob'
              ? formatPercent(x)
              : id === 'hurtigereIJob'
                ? formatNumber(x, 1)
                : id === 'besparelsespotentiale'
                  ? `${formatNumber(x)} kr.`
                  : `${formatNumber(100 * x, 1)} pp`;
        io.out(
          `Scorecard, municipality ${answer.municipality}, ${answer.benefit}: ${answer.period.from}-${answer.period.to} against ${answer.yearBefore.from}-${answer.yearBefore.to}; ` +
            `peers ${answer.peers.withFigures.join(', ')} (${answer.peers.kind}).\n\n`,
        );
        io.out(
          renderTable(
            [
              { header: 'Dimension', value: (d: (typeof answer.dimensions)[number]) => d.name.da },
              { header: 'Niveau', value: (d) => show(d.id, card.dimensions[d.id].level.own), align: 'right' },
              {
                header: 'Klynge',
                value: (d) => show(d.id, card.dimensions[d.id].level.cluster),
                align: 'right',
              },
              { header: '', value: (d) => mark(card.dimensions[d.id].level.assessment) },
              {
                header: 'Udvikling',
                value: (d) => showDevelopment(d.id, card.dimensions[d.id].development.own),
                align: 'right',
              },
              {
                header: 'Klynge',
                value: (d) => showDevelopment(d.id, card.dimensions[d.id].development.cluster),
                align: 'right',
              },
              { header: ' ', value: (d) => mark(card.dimensions[d.id].development.assessment) },
            ],
            answer.dimensions,
          ),
        );
      },
    );
}
