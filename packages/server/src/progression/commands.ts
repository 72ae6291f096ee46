/**
 * `jobinvest progression …`: the questionnaire versions (list them; adopt a municipality's own from a
 * JSON file, checked by core's validateQuestionnaire) and one citizen's progression as the citizen
 * page shows it. The command line reads the store as its owner does (as the local user, role admin);
 * reading a citizen is recorded in the audit trail with the pseudonym.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  copenhagenDateOf,
  formatNumber,
  INDICATOR_NAMES,
  QuestionnaireError,
  validateQuestionnaire,
} from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import { json, parseMunicipality } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { loadConfig } from '../config.ts';
import type { CliIo } from '../context.ts';
import { HTTPException } from 'hono/http-exception';
import { audit, DataError, localUsername, pseudonymiserFor, storeOf } from '../data/index.ts';
import { looksLikeCpr } from '../input/cpr.ts';
import { UsageError } from '../cli/options.ts';
import { citizenIn, citizenProgress } from './citizens.ts';
import { adoptQuestionnaire, listAdoptions, listQuestionnaires } from './questionnaires.ts';

function parseDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T12:00:00Z`)))
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, found "${text}"`);
  return text;
}

/** A table of rows of text under `headers`. */
const table = (headers: readonly string[], lines: readonly string[][]): string =>
  renderTable(
    headers.map((header, k) => ({ header, value: (row: string[]) => row[k] ?? '' })),
    lines,
  );

const score = (x: number | null | undefined) => (x === null || x === undefined ? '–' : String(x));
const signed = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${formatNumber(x, 0)}`);

export function registerProgressionCommands(program: Command, io: CliIo): void {
  const storeFor = async (db: string | undefined) =>
    storeOf(
      await loadConfig({
        cwd: io.cwd,
        configFile: program.opts<{ config?: string }>().config,
        overrides: db === undefined ? {} : { db },
      }),
    );
  const progression = program
    .command('progression')
    .description("BIP's progression measurements: questionnaire versions and a citizen's progression");
  const questionnaire = progression.command('questionnaire').description('Questionnaire versions');

  questionnaire
    .command('list')
    .description('The questionnaire versions the store knows and the adoptions of municipalities')
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const store = await storeFor(options.db);
      const questionnaires = await listQuestionnaires(store);
      const adoptions = await listAdoptions(store);
      if (options.json) return io.out(json({ questionnaires, adoptions }));
      io.out(
        table(
          ['Version', 'Name', 'Citizen items', 'Caseworker items'],
          questionnaires.map((q) => [
            q.version,
            q.name.en,
            String(q.citizen.length),
            String(q.caseworker.length),
          ]),
        ),
      );
      io.out(
        adoptions.length === 0
          ? '\nNo municipality has adopted a version: every one uses bip-1.\n'
          : '\n' +
              table(
                ['Municipality', 'Version', 'From', 'Adopted by'],
                adoptions.map((a) => [
                  String(a.municipality).padStart(3, '0'),
                  a.version,
                  a.fromDay,
                  a.adoptedBy,
                ]),
              ),
      );
    });

  questionnaire
    .command('adopt')
    .description(
      'Let a municipality measure on a questionnaire version from a day on: a JSON file of a new version (see bip-1 with list --json), or a version the store has',
    )
    .requiredOption('--municipality <code>', 'municipality code', parseMunicipality)
    .requiredOption('--file <path>', 'the questionnaire as JSON (core’s Questionnaire)')
    .option('--from <YYYY-MM-DD>', 'the first day measured on it (default today)', parseDay)
    .option('--db <path>', 'DuckDB file of the store')
    .action(async (options: { municipality: number; file: string; from?: string; db?: string }) => {
      const path = resolve(io.cwd, options.file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new UsageError(`${options.file}: expected a readable JSON file (${(error as Error).message})`);
      }
      let q;
      try {
        q = validateQuestionnaire(parsed);
      } catch (error) {
        if (error instanceof QuestionnaireError)
          throw new UsageError(`${options.file}:\n  ${error.problems.join('\n  ')}`);
        throw error;
      }
      const store = await storeFor(options.db);
      const fromDay = options.from ?? copenhagenDateOf(new Date());
      await adoptQuestionnaire(store, {
        questionnaire: q,
        municipality: options.municipality,
        fromDay,
        adoptedBy: localUsername(),
      });
      await audit(store, {
        username: localUsername(),
        role: 'admin',
        action: 'questionnaire.adopt',
        resource: `questionnaire ${q.version} for municipality ${options.municipality} from ${fromDay}`,
        persons: [],
      });
      io.out(
        `Municipality ${String(options.municipality).padStart(3, '0')} measures on ${q.version} from ${fromDay}.\n`,
      );
    });

  progression
    .command('citizen')
    .description(
      "One citizen's measurements, change since the last and first, dialogue guide and action plan",
    )
    .argument('<person>', 'the pseudonym (or a CPR number, pseudonymised here and never stored)')
    .requiredOption('--municipality <code>', 'municipality code', parseMunicipality)
    .option('--language <da|en>', 'language of the texts', 'da')
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON (CitizenProgress, as GET /api/progression/citizens/{person})')
    .action(
      async (
        person: string,
        options: { municipality: number; language: string; db?: string; json?: boolean },
      ) => {
        const config = await loadConfig({
          cwd: io.cwd,
          configFile: program.opts<{ config?: string }>().config,
          overrides: options.db === undefined ? {} : { db: options.db },
        });
        const store = await storeOf(config);
        const pseudonym = looksLikeCpr(person)
          ? (await pseudonymiserFor(config, store))(person.trim())
          : person.trim();
        const reach = { kind: 'everyone' } as const;
        const citizen = await citizenIn(store, options.municipality, pseudonym, reach).catch(
          (error: unknown) => {
            // The 404 of the API is a refusal at the command line too, not a crash.
            if (error instanceof HTTPException) throw new DataError(error.message);
            throw error;
          },
        );
        const progress = await citizenProgress(store, options.municipality, citizen, reach, Date.now());
        await audit(store, {
          username: localUsername(),
          role: 'admin',
          action: 'read.persons',
          resource: `progression citizen: municipality ${options.municipality} (command line)`,
          persons: [pseudonym],
        });
        if (options.json) return io.out(json(progress));
        const language = options.language === 'en' ? 'en' : 'da';
        const finals = progress.measurements.filter((m) => m.status === 'final');
        io.out(
          `Citizen ${pseudonym.slice(0, 12)}…, municipality ${String(options.municipality).padStart(3, '0')}: ` +
            `${progress.measurements.length} measurements (${finals.length} final), questionnaire in use ${progress.questionnaire}\n\n`,
        );
        if (progress.changes.length > 0)
          io.out(
            table(
              ['Indicator', 'Respondent', 'Latest', 'Since last', 'Since first'],
              progress.changes.map((c) => [
                INDICATOR_NAMES[c.indicator][language],
                c.respondent,
                score(c.latest),
                signed(c.sinceLast),
                signed(c.sinceFirst),
              ]),
            ) + '\n',
          );
        for (const p of progress.dialogue) io.out(`- ${p.text[language]}\n`);
        if (progress.plan)
          io.out(
            '\n' +
              table(
                ['Indicator', 'Goal', 'Next step', 'Follow-up'],
                progress.plan.items.map((i) => [
                  INDICATOR_NAMES[i.indicator][language],
                  score(i.goal),
                  i.nextStep,
                  i.followUp ?? '–',
                ]),
              ),
          );
      },
    );
}
