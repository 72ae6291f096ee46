import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTemp } from '../../cli/test-helpers.ts';
import { closeStore, openStore } from '../db.ts';

const HEADER = 'PNR,kommune,koen,foedselsaar,herkomst,y_2552,y_2601,y_2602';
const GOOD =
  [HEADER, '0101801234,101,K,1980,dansk,111,111,', '0202902345,751,M,1990,vestlig,,890,890'].join('\n') +
  '\n';

/** A store with one good DREAM import, and a way to read back what it holds. */
async function storeWithData() {
  const dir = tempDir();
  const db = join(dir, 'store.duckdb');
  const first = await runCli(['import', 'dream', writeTemp(dir, 'good.csv', GOOD), '--db', db], dir);
  expect(first.code).toBe(0);
  const state = async () => {
    const store = await openStore(db);
    const [row] = await store.query(
      `SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM persons) AS persons,
              (SELECT count(*) FROM observation_windows) AS windows,
              (SELECT string_agg(code || ':' || first_week || '-' || last_week, ',' ORDER BY person_id, first_week) FROM runs) AS detail,
              (SELECT count(*) FROM imports WHERE outcome = 'ok') AS ok`,
    );
    await closeStore(db);
    return row;
  };
  return { dir, db, state, before: await state() };
}

async function expectRefused(content: string | Uint8Array, message: string | RegExp) {
  const { dir, db, state, before } = await storeWithData();
  const file = writeTemp(dir, 'bad.csv', content);
  const { code, err } = await runCli(['import', 'dream', file, '--db', db], dir);
  expect(code).toBe(1);
  expect(err.trim().split('\n').at(-1)).toMatch(
    typeof message === 'string' ? `jobinvest: ${file}${message}` : message,
  );
  expect(await state()).toEqual(before);
  return err;
}

describe('DREAM import', () => {
  it('stores runs of equal codes, persons and the observation window', async () => {
    const { before } = await storeWithData();
    expect(before).toMatchObject({ runs: 2, persons: 2, windows: 2, ok: 1 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const { dir, db, state, before } = await storeWithData();
    const again = await runCli(['import', 'dream', join(dir, 'good.csv'), '--db', db, '--json'], dir);
    expect(JSON.parse(again.out)).toMatchObject({ outcome: 'unchanged', importId: 1 });
    expect(await state()).toEqual(before);
  });

  it('replaces, not duplicates, the weeks of a newer extract of the same period', async () => {
    const { dir, db, state } = await storeWithData();
    const newer = [
      HEADER,
      '0101801234,101,K,1980,dansk,111,,',
      '0202902345,751,M,1990,vestlig,,890,890',
    ].join('\n');
    expect(
      (await runCli(['import', 'dream', writeTemp(dir, 'newer.csv', newer), '--db', db], dir)).code,
    ).toBe(0);
    expect(await state()).toMatchObject({ runs: 2, persons: 2, windows: 2, ok: 2 });
  });
});

describe('bad DREAM files leave the store as it was', () => {
  it('names the line with the wrong number of fields', async () => {
    await expectRefused(
      `${HEADER}\n0101801234,101,K,1980,dansk,111,111\n`,
      ', line 2: expected 8 fields as in the header, found "7 fields"',
    );
  });

  it('names a malformed week column', async () => {
    await expectRefused(
      'PNR,y_2552,y_2553\n0101801234,111,111\n',
      /line 1, column y_2553: expected a DREAM week column y_YYWW naming a week that exists \(week 53 does not exist in 2025/,
    );
  });

  it('names week columns with a gap', async () => {
    await expectRefused(
      'PNR,y_2550,y_2552\n0101801234,111,111\n',
      ', line 1, column y_2552: expected week columns in order without gaps: the week after y_2550, found "y_2552"',
    );
  });

  it('reports an unknown code with its count and first place', async () => {
    await expectRefused(
      `${HEADER}\n0101801234,101,K,1980,dansk,999,999,111\n0202902345,751,M,1990,vestlig,,999,\n`,
      ', line 2, column y_2552: expected a code in the code map (3 weeks have this code; add it with --codes FILE or see jobinvest codes), found "999"',
    );
  });

  it('refuses an invalid CPR number without showing it', async () => {
    const err = await expectRefused(
      `${HEADER}\n3102801234,101,K,1980,dansk,111,111,\n`,
      ', line 2, column PNR: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)',
    );
    expect(err).not.toContain('3102801234');
  });

  it('refuses the same person twice', async () => {
    await expectRefused(
      `${HEADER}\n0101801234,101,K,1980,dansk,111,111,\n010180-1234,101,K,1980,dansk,,,\n`,
      ', line 3, column PNR: expected one row per person (the same CPR number is on line 2)',
    );
  });

  it('refuses an empty file and a file with only a header', async () => {
    await expectRefused(
      '',
      ': line 1: expected a header line naming the columns, found "an empty file"'.replace(
        ': line',
        ', line',
      ),
    );
    await expectRefused(
      `${HEADER}\n`,
      ', line 2: expected at least one row of data after the header, found "only the header"',
    );
  });

  it('names a truncated last line', async () => {
    await expectRefused(
      `${HEADER}\n0101801234,101,K,1980,dansk,111,111,\n0202902345,751,M,1990`,
      ', line 3: expected 8 fields as in the header, found "4 fields"',
    );
  });

  it('refuses a file that is not CSV', async () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await expectRefused(png, /expected (a CSV text file|a PNR column)/);
  });

  it('refuses a file that mixes UTF-8 and Windows-1252', async () => {
    const utf8 = Buffer.from(
      `PNR,kommune,koen,foedselsaar,herkomst,y_2601\n0101801234,101,K,1980,ø-land,111\n`,
      'utf8',
    );
    const latin1 = Buffer.from(`0202902345,751,M,1990,ø-land,111\n`, 'latin1');
    await expectRefused(
      Buffer.concat([utf8, latin1]),
      ', line 3: expected the whole file in one encoding (line 2 is UTF-8), found "Windows-1252 / Latin-1 text on this line"',
    );
  });

  it('reads a file wholly in Windows-1252', async () => {
    const { dir, db } = await storeWithData();
    const file = writeTemp(
      dir,
      'latin1.csv',
      Buffer.from(
        `PNR,kommune,koen,foedselsaar,herkomst,y_2601\r\n0303701234,101,K,1970,Ø-land,111\r\n`,
        'latin1',
      ),
    );
    expect((await runCli(['import', 'dream', file, '--db', db], dir)).code).toBe(0);
    const store = await openStore(db);
    expect(await store.query("SELECT origin FROM persons WHERE origin LIKE '%land'")).toEqual([
      { origin: 'Ø-land' },
    ]);
    await closeStore(db);
  });
});

describe('DREAM import of the weeks around the kontanthjælp reform', () => {
  it('says how many weeks of an ended group’s code it met after its end, and reads them as the successor', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const file = writeTemp(
      dir,
      'reform.csv',
      [
        'PNR,kommune,koen,foedselsaar,herkomst,y_2525,y_2526,y_2527,y_2528,y_2529',
        // On uddannelseshjælp (132) through 2025-W29: three weeks of an ended code.
        '0101011234,101,K,2001,dansk,132,132,132,132,132',
        // On the new grundsats (136) from 2025-W27: nothing to say.
        '0202022345,101,M,2002,dansk,132,132,136,136,136',
        // The old kontanthjælp (131) in 2025-W28 only.
        '0303803456,101,M,1980,dansk,,,,131,',
      ].join('\n') + '\n',
    );
    const { code, out } = await runCli(['import', 'dream', file, '--db', db, '--json'], dir);
    expect(code).toBe(0);
    const notes = (JSON.parse(out) as { notes: string[] }).notes;
    expect(notes).toContain(
      'code 132 (uddannelseshjælp) in 3 weeks of 1 person after its end in 202526: read as kontanthjælp, grundsats, which its persons are on from the week after (benefit rules, jobinvest benefits)',
    );
    expect(notes.find((n) => n.startsWith('code 131'))).toMatch(/in 1 week of 1 person after its end in 202526/);
    const store = await openStore(db);
    const spells = await store.query<{ benefit: string; weeks: number }>(
      `SELECT s.benefit, s.weeks FROM spells s JOIN persons p USING (person_id) WHERE p.birth_year = 2001`,
    );
    await closeStore(db);
    expect(spells).toEqual([{ benefit: 'kontanthjaelp_grundsats', weeks: 5 }]);
  });
});
