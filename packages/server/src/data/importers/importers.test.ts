import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DREAM_CODES } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, runImport } from './import-run.ts';
import { stagerFor } from './importers.ts';
import { A, B, REGISTER_TABLES, testStore, windows1252, type TestStore } from './import-test-helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

/** One small file of every kind, each naming the persons A and B. */
const FILES: Record<(typeof IMPORT_KINDS)[number], string | Uint8Array> = {
  dream: `PNR;kommune;y_2001;y_2002\n${A};101;111;111\n${B};101;;130\n`,
  'person-weeks': `person,week,benefit\n${A},202001,adagpenge\n${B},202001,su\n`,
  spells: `person,benefit,start,end\n${A},adagpenge,202003,202005\n${B},su,202003,\n`,
  ydelsesrefusion: windows1252(
    'Uge;CPR nummer;Ydelse;Finansiering Kommunenavn;Indberetning udbetalingsbeløb;Beregnet udbetalingsbeløb;' +
      `Refusionssats;Refusionsbeløb;Medfinansieringssats;Medfinansieringsbeløb\n06-01-2020;${A};Kontanthjælp;Ærø;1.000,00;1.000,00;80;800,00;;\n` +
      `06-01-2020;${B};A-dagpenge;Ærø;1.000,00;1.000,00;;;80;800,00\n`,
  ),
  persons: `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n${B},1990,M,Dansk,101\n`,
  municipalities: 'code,name,year,population_16_66,labour_force_16_66\n101,København,2020,450000,300000\n',
  interventions: `person,type,start_week,end_week,cost\n${A},Mentor,202001,202005,1000\n${B},Kursus,202002,,\n`,
  caseworkers: `person,caseworker,department,from_week,to_week\n${A},ABC,Syd,202001,\n${B},ABC,Syd,202001,\n`,
  contacts: `person,date,kind,caseworker\n${A},2020-01-06,samtale,ABC\n${B},2020-01-07,udeblivelse,ABC\n`,
  jobindsats: 'Område;Periode;Ydelsesgrupper;Fuldtidspersoner\nEgedal;2020M01;Sygedagpenge;312,5\n',
  framework: 'kommune;år;variabel;værdi\n240;2020;unemployment;0,031\n',
  measurements: `person,date,questionnaire,respondent,item,score,caseworker\n${A},2020-01-06,bip-1,citizen,health,3,ABC\n${B},2020-01-07,bip-1,caseworker,health,2,ABC\n`,
};

describe('importers', () => {
  it('has a stager for every import kind', () => {
    for (const kind of IMPORT_KINDS)
      expect(typeof stagerFor(kind, { codes: DEFAULT_DREAM_CODES }), kind).toBe('function');
  });

  it('imports a file of every kind, fills every register table and never writes a CPR number to disk', async () => {
    for (const kind of IMPORT_KINDS) {
      const file = t.file(`${kind}.csv`, FILES[kind]);
      const summary = await runImport(
        t.store,
        kind,
        file,
        t.pseudonymise,
        stagerFor(kind, { codes: DEFAULT_DREAM_CODES }),
      );
      expect(summary.outcome, kind).toBe('imported');
    }
    for (const table of REGISTER_TABLES) {
      const [row] = await t.store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      expect(row?.n, table).toBeGreaterThan(0);
    }
    const [persons] = await t.store.query('SELECT count(*) AS n FROM persons');
    expect(persons).toEqual({ n: 2 });
    await t.store.write((c) => c.run('CHECKPOINT'));
    const stored = readdirSync(t.dir)
      .filter((name) => name.startsWith('store.duckdb'))
      .map((name) => readFileSync(join(t.dir, name)).toString('latin1'))
      .join('');
    expect(stored.length).toBeGreaterThan(0);
    for (const cpr of [A, B, B.replace('-', '')]) expect(stored).not.toContain(cpr);
    expect(stored).toContain(t.pseudonymise(A));
  });
});
