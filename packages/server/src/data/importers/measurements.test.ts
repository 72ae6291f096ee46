import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, type TestStore } from './import-test-helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
  // The register places A and B in municipality 101 from 2020.
  await t.importFile('persons', t.file('p.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n${B},1990,M,Dansk,101\n`));
});
afterEach(() => t.close());

const HEADER = 'person,date,questionnaire,respondent,item,score,caseworker';

const measurementsOf = (cpr: string) =>
  t.personRows(
    cpr,
    `SELECT strftime(m.measured_on, '%Y-%m-%d') AS date, m.municipality, m.questionnaire, m.caseworker, m.status, m.source,
            list(a.respondent || ' ' || a.item || '=' || coalesce(a.score::VARCHAR, '-') ORDER BY a.respondent, a.item) AS answers
     FROM measurements m JOIN measurement_answers a USING (measurement_id)
     WHERE m.person_id = $1 GROUP BY ALL ORDER BY date`,
  );

describe('measurements import', () => {
  it('stores one final measurement per person and day with both parts, channels and unanswered items', async () => {
    const file = t.file(
      'm.csv',
      [
        HEADER,
        `${A},2026-03-02,bip-1,citizen,health,2,`,
        `${A},02.03.2026,bip-1,borger,channel:internet,1,`,
        `${A},2026-03-02,bip-1,sagsbehandler,caseworkerBelief,4,`,
        `${A},2026-03-02,bip-1,caseworker,goalOrientation,,`,
        `${A},2026-06-01,bip-1,caseworker,health,3,K12`,
        `${B},01-06-2026,bip-1,citizen,selfBelief,5,K12`,
      ].join('\n') + '\n',
    );
    const summary = await t.importFile('measurements', file);
    expect(summary).toMatchObject({ outcome: 'imported', rows: 6 });
    expect(summary.notes[0]).toMatch(/^3 measurements of 2 persons, in weeks 202610-202623/);
    expect(await measurementsOf(A)).toEqual([
      {
        date: '2026-03-02',
        municipality: 101,
        questionnaire: 'bip-1',
        caseworker: null,
        status: 'final',
        source: 'import',
        answers: ['caseworker caseworkerBelief=4', 'caseworker goalOrientation=-', 'citizen channel:internet=1', 'citizen health=2'],
      },
      {
        date: '2026-06-01',
        municipality: 101,
        questionnaire: 'bip-1',
        caseworker: 'K12',
        status: 'final',
        source: 'import',
        answers: ['caseworker health=3'],
      },
    ]);
    // The built-in questionnaire is in the store once a measurement uses it.
    expect(await t.store.query('SELECT version FROM questionnaires')).toEqual([{ version: 'bip-1' }]);
  });

  it("replaces the imported measurements of the newer file's persons on its days, and keeps the others", async () => {
    await t.importFile(
      'measurements',
      t.file('1.csv', `${HEADER}\n${A},2026-03-02,bip-1,citizen,health,2,\n${A},2026-06-01,bip-1,citizen,health,3,\n${B},2026-03-02,bip-1,citizen,health,1,\n`),
    );
    await t.importFile('measurements', t.file('2.csv', `${HEADER}\n${A},2026-03-02,bip-1,citizen,network,4,\n`));
    expect((await measurementsOf(A)).map((m) => [m.date, m.answers])).toEqual([
      ['2026-03-02', ['citizen network=4']],
      ['2026-06-01', ['citizen health=3']],
    ]);
    expect((await measurementsOf(B)).map((m) => m.answers)).toEqual([['citizen health=1']]);
  });

  it('refuses bad rows by file, line, column, expected and found, and writes nothing', async () => {
    const file = t.file(
      'bad.csv',
      [
        HEADER,
        `${A},2026-03-02,bip-1,citizen,health,6,`, // 2: score out of range
        `${A},2026-03-02,bip-1,citizen,caseworkerBelief,3,`, // 3: not the citizen's item
        `${A},2026-03-02,bip-9,citizen,health,3,`, // 4: unknown questionnaire
        `${A},2026-02-30,bip-1,citizen,health,3,`, // 5: no such day
        `${A},2026-03-02,bip-1,neighbour,health,3,`, // 6: unknown respondent
        `${A},2026-03-02,bip-1,caseworker,channel:internet,1,`, // 7: channels are the citizen's
        `${A},2026-03-02,bip-1,citizen,channel:internet,2,`, // 8: a channel is 0/1
        `3201801234,2026-03-02,bip-1,citizen,health,3,`, // 9: not a CPR number
      ].join('\n') + '\n',
    );
    const error = await t.rejects('measurements', file, [A]);
    expect(error.problems.map((p) => [p.line, p.column, p.expected, p.found])).toEqual([
      [2, 'score', 'a score 1-5, or empty for an item left unanswered', '6'],
      [3, 'item', expect.stringMatching(/^an item the citizen answers in bip-1: jobSearch, health,/), 'caseworkerBelief'],
      [5, 'date', 'a date that exists as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY', '2026-02-30'],
      [6, 'respondent', 'citizen or caseworker (borger or sagsbehandler)', 'neighbour'],
      [7, 'item', 'an indicator the caseworker answers (channels are the citizen’s)', 'channel:internet'],
      [8, 'score', '0 or 1 for a channel, or empty', '2'],
      [9, 'person', expect.stringMatching(/^a CPR number/), undefined],
      [4, 'questionnaire', 'a questionnaire version the store knows (bip-1)', 'bip-9'],
    ]);
    expect(error.problems.every((p) => p.file.endsWith('bad.csv'))).toBe(true);
  });

  it('refuses an item twice in a measurement, two caseworkers on one measurement, and a person the store cannot place', async () => {
    const C = '0202024321';
    const file = t.file(
      'twice.csv',
      [
        HEADER,
        `${A},2026-03-02,bip-1,citizen,health,2,K1`,
        `${A},2026-03-02,bip-1,citizen,health,3,K1`,
        `${B},2026-03-02,bip-1,citizen,health,3,K1`,
        `${B},2026-03-02,bip-1,citizen,network,3,K2`,
        `${C},2026-03-02,bip-1,citizen,health,3,`,
      ].join('\n') + '\n',
    );
    const error = await t.rejects('measurements', file, [A, B, C]);
    expect(error.problems.map((p) => [p.line, p.column, p.expected, p.found])).toEqual([
      [3, 'item', 'each item once per person, day and respondent (line 2 has it)', 'health'],
      [5, 'caseworker', 'the same caseworker on every row of a measurement (a person on a day) as on line 4', 'K2'],
      [6, 'person', expect.stringMatching(/^a person the store places in a municipality/), undefined],
    ]);
  });

  it('takes the municipality from a municipality column and adds persons new to the store', async () => {
    const C = '0202024321';
    await t.importFile('measurements', t.file('c.csv', `${HEADER},municipality\n${C},2026-03-02,bip-1,citizen,health,2,,851\n`));
    expect((await measurementsOf(C)).map((m) => m.municipality)).toEqual([851]);
  });
});
