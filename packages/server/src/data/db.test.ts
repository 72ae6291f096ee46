import { describe, expect, it } from 'vitest';
import { MAX_READERS, Store } from './db.ts';

describe('the store', () => {
  it('runs writes one at a time, in the order they were asked for', async () => {
    const store = await Store.open(':memory:');
    await store.transaction((c) => c.run('CREATE TABLE log (n INTEGER)'));
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        store.transaction(async (c) => {
          const [row] = (await c.runAndReadAll('SELECT count(*) AS k FROM log')).getRowObjectsJS();
          await c.run(`INSERT INTO log VALUES (${n}), (${Number(row!.k)})`);
        }),
      ),
    );
    // Each job saw exactly the rows of the jobs before it: no two were inside one transaction.
    const rows = await store.query<{ n: number }>('SELECT n FROM log');
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, n) => [n, 2 * n]).flat());
    store.close();
  });

  it('goes on with the next write after one fails, and rolls the failed one back', async () => {
    const store = await Store.open(':memory:');
    await store.transaction((c) => c.run('CREATE TABLE t (n INTEGER)'));
    const failed = store.transaction(async (c) => {
      await c.run('INSERT INTO t VALUES (1)');
      throw new Error('no');
    });
    const next = store.transaction((c) => c.run('INSERT INTO t VALUES (2)'));
    await expect(failed).rejects.toThrow('no');
    await next;
    expect(await store.query('SELECT n FROM t')).toEqual([{ n: 2 }]);
    store.close();
  });

  it('answers reads while a write is open, with what was committed before it', async () => {
    const store = await Store.open(':memory:');
    await store.transaction((c) => c.run('CREATE TABLE t AS SELECT 1 AS n'));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.transaction(async (c) => {
      await c.run('INSERT INTO t VALUES (2)');
      await held;
    });
    const reads = await Promise.all(
      Array.from({ length: MAX_READERS * 3 }, () => store.query<{ n: number }>('SELECT sum(n) AS n FROM t')),
    );
    expect(reads.every((r) => Number(r[0]?.n) === 1)).toBe(true);
    release();
    await writing;
    expect(await store.query('SELECT sum(n) AS n FROM t')).toEqual([{ n: 3 }]);
    store.close();
  });
});
