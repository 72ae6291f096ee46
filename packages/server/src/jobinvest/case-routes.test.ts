import { SHIPPED_RATES, fromYyyyww } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../http/app.ts';
import { normalizeConfig } from '../config.ts';
import { auditEntries, Store } from '../data/index.ts';
import { signIn, type SignedIn } from '../access/test-helpers.ts';

const CASE = {
  name: 'Mentor for jobparate',
  municipality: '101',
  target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 26 },
  participants: 40,
  startWeek: 202610,
  cost: { perParticipant: 12_000 },
  effect: { hazardRatio: 1.2 },
};

async function appWithStore() {
  const store = await Store.open(':memory:');
  const app = await signIn(
    createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store }),
    store,
    'economist',
  );
  return { store, app };
}

function postCase(app: SignedIn, body: unknown, user?: string) {
  return app.request('/api/cases', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(user === undefined ? {} : { 'X-Jobinvest-User': user }),
    },
    body: JSON.stringify(body),
  });
}

async function caseCount(store: Store): Promise<number> {
  const [row] = await store.query<{ n: number }>('SELECT count(*) AS n FROM cases');
  return row?.n ?? -1;
}

describe('POST /api/cases', () => {
  it('stores ten saves sent at the same moment, each answered 201, as versions 1 to 10', async () => {
    const { app, store } = await appWithStore();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postCase(app, CASE)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const versions = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { version: number }).version),
    );
    expect(versions.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await caseCount(store)).toBe(10);
  });

  it('stores nothing of a save that answers an error, and saves the next one', async () => {
    const { app, store } = await appWithStore();
    // A save whose transaction fails half-way: the case row is in, its version check then breaks.
    await store.write((c) => c.run('CREATE TABLE cases_guard AS SELECT 1 AS x'));
    const failing = store.transaction(async (c) => {
      await c.run('INSERT INTO cases_guard VALUES (2)');
      throw new Error('the save failed half-way');
    });
    const next = postCase(app, CASE);
    await expect(failing).rejects.toThrow('the save failed half-way');
    expect((await next).status).toBe(201);
    const [guard] = await store.query<{ n: number }>('SELECT count(*) AS n FROM cases_guard');
    expect(guard?.n).toBe(1);
    expect(await caseCount(store)).toBe(1);
  });

  it('saves a name twice as versions 1 and 2, and the list shows version 2 of 2', async () => {
    const { app } = await appWithStore();
    const first = await postCase(app, CASE);
    const second = await postCase(app, { ...CASE, participants: 50 });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    type Saved = { caseId: number; version: number; document: { participants: number } };
    const a = (await first.json()) as Saved;
    const b = (await second.json()) as Saved;
    expect(a.version).toBe(1);
    expect(b.version).toBe(2);
    expect(b.document.participants).toBe(50);
    const list = (await (await app.request('/api/cases')).json()) as unknown[];
    expect(list).toMatchObject([
      {
        caseId: b.caseId,
        name: 'Mentor for jobparate',
        version: 2,
        versions: 2,
        municipality: 101,
        startWeek: '202610',
      },
    ]);
  });

  it('records the logged-in user as who saved the case, whatever an X-Jobinvest-User header says', async () => {
    const { app, store } = await appWithStore();
    const saved = (await (await postCase(app, CASE, 'mette')).json()) as { caseId: number; savedBy: string };
    expect(saved.savedBy).toBe('test-economist');
    const again = (await (await app.request(`/api/cases/${saved.caseId}`)).json()) as { savedBy: string };
    expect(again.savedBy).toBe('test-economist');
    const [entry] = await auditEntries(store, { action: 'case.save' });
    expect(entry).toMatchObject({
      username: 'test-economist',
      role: 'economist',
      resource: `case ${saved.caseId}: ${CASE.name}`,
    });
  });

  it('shows a case only to users of its municipality', async () => {
    const { app, store } = await appWithStore();
    const saved = (await (await postCase(app, CASE)).json()) as { caseId: number };
    const elsewhere = await signIn(app.app, store, 'economist', {
      username: 'aarhus-economist',
      municipalities: [751],
    });
    expect((await elsewhere.request(`/api/cases/${saved.caseId}`)).status).toBe(404);
    expect(await (await elsewhere.request('/api/cases')).json()).toEqual([]);
    expect((await postCase(elsewhere, CASE)).status).toBe(403);
  });

  it('stores the normalised document, with the defaults filled in and the week as YYYYWW', async () => {
    const { app } = await appWithStore();
    const saved = (await (await postCase(app, CASE)).json()) as { caseId: number };
    const got = (await (await app.request(`/api/cases/${saved.caseId}`)).json()) as {
      document: Record<string, unknown>;
      dataVersion: number | null;
    };
    expect(got.document).toEqual({
      ...CASE,
      version: 1,
      startWeek: '202610',
      horizonWeeks: 260,
      discountRate: 0.035,
    });
    expect(got.dataVersion).toBeNull();
  });

  it('refuses a bad document with 400 naming the field, and writes nothing', async () => {
    const { app, store } = await appWithStore();
    const res = await postCase(app, { ...CASE, participants: -1 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details: { problem: string }[] };
    expect(body.error).toMatch(/^invalid case: participants: /);
    expect(body.details).toHaveLength(1);
    expect(body.details[0]?.problem).toMatch(/^participants: /);
    expect(await caseCount(store)).toBe(0);
  });

  it('lists every problem of a document as "field: message"', async () => {
    const { app } = await appWithStore();
    const res = await postCase(app, { ...CASE, startWeek: 202699, effect: {} });
    const body = (await res.json()) as { details: { problem: string }[] };
    expect(res.status).toBe(400);
    expect(body.details.map((d) => d.problem)).toEqual([
      'startWeek: expected a week as YYYYWW, e.g. 202601',
      'effect: give either hazardRatio or extraPointsInWork',
    ]);
  });
});

describe('GET /api/cases/{id}', () => {
  it('answers 404 for an id that was never saved', async () => {
    const { app } = await appWithStore();
    const res = await app.request('/api/cases/42');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no saved case with id 42' });
  });

  it('answers 400 for an id that is not a number', async () => {
    const { app } = await appWithStore();
    expect((await app.request('/api/cases/abc')).status).toBe(400);
  });

  it('lists nothing in a store without cases', async () => {
    const { app } = await appWithStore();
    expect(await (await app.request('/api/cases')).json()).toEqual([]);
  });
});

describe('GET /api/cases/{id}/plan-vs-actual', () => {
  it('answers 409 saying the data end before the case starts', async () => {
    const { app, store } = await appWithStore();
    await store.write((c) =>
      c.run(`INSERT INTO observation_windows VALUES (1, ${fromYyyyww(202501)}, ${fromYyyyww(202552)}, 1)`),
    );
    const saved = (await (await postCase(app, CASE)).json()) as { caseId: number };
    const res = await app.request(`/api/cases/${saved.caseId}/plan-vs-actual`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: 'the case starts in 202610, and the data end in 202552: import newer data to follow it up',
    });
  });

  it('answers 404 for a case that does not exist', async () => {
    const { app } = await appWithStore();
    expect((await app.request('/api/cases/7/plan-vs-actual')).status).toBe(404);
  });
});
