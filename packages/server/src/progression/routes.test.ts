/**
 * The progression room over HTTP on a small store: municipality 101 with citizens A (assigned to the
 * test caseworker cw-test), B (assigned to K2) and C (cw-test's until week 202605, then nobody's), and
 * D in municipality 147. The data reach week 202610.
 */

import { join } from 'node:path';
import {
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  SHIPPED_RATES,
  type CitizenProgress,
  type GroupsAnswer,
  type MeasurementInput,
} from '@jobinvest/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';
import { loadConfig, type Config } from '../config.ts';
import { auditEntries, importFile, pseudonymiserFor, storeOf, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { currentVersions } from './questionnaires.ts';

const A = '0101801234';
const B = '150290-4321';
const C = '0202024321';
const D = '0303034321';

const dir = tempDir();
let config: Config;
let store: Store;
let clock = Date.parse('2026-03-02T09:00:00Z');
let caseworker: SignedIn;
let analyst: SignedIn;
let admin: SignedIn;
let viewer: SignedIn;
let manager: SignedIn;
const pseudonym: Record<string, string> = {};

beforeAll(async () => {
  config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  const persons = ['person,birth_year,sex,origin,municipality'];
  for (const [cpr, m] of [
    [A, 101],
    [B, 101],
    [C, 101],
    [D, 147],
  ])
    persons.push(`${cpr},1980,K,Dansk,${m}`);
  await importFile(config, 'persons', writeTemp(dir, 'persons.csv', persons.join('\n')));
  const weeks = ['person,week,benefit'];
  for (const cpr of [A, B, C, D])
    for (let w = 202601; w <= 202610; w++) weeks.push(`${cpr},${w},kontanthjaelp_grundsats`);
  await importFile(config, 'person-weeks', writeTemp(dir, 'weeks.csv', weeks.join('\n')));
  await importFile(
    config,
    'caseworkers',
    writeTemp(
      dir,
      'caseworkers.csv',
      `person,caseworker,department,from_week,to_week\n${A},cw-test,Syd,202601,\n${B},K2,Nord,202601,\n${C},cw-test,Syd,202601,202605\n${D},cw-test,Øst,202601,\n`,
    ),
  );
  store = await storeOf(config);
  const pseudonymise = await pseudonymiserFor(config, store);
  for (const [name, cpr] of Object.entries({ A, B, C, D })) pseudonym[name] = pseudonymise(cpr);
  const app = createApp({ config, rates: SHIPPED_RATES, store, now: () => clock });
  admin = await signIn(app, store, 'admin');
  caseworker = await signIn(app, store, 'caseworker', { municipalities: [101] });
  analyst = await signIn(app, store, 'analyst', { municipalities: [101] });
  viewer = await signIn(app, store, 'viewer', { municipalities: [101] });
  manager = await signIn(app, store, 'manager', { municipalities: [101] });
}, 60_000);

const send = (who: SignedIn, method: string, path: string, body?: unknown) =>
  who.request(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

const CITIZEN_ITEMS = CITIZEN_INDICATORS;
const all = (items: readonly string[], score: number | null) =>
  Object.fromEntries(items.map((k) => [k, score]));
const CASEWORKER_ITEMS = CASEWORKER_INDICATORS;

function finalInput(date: string, citizen: number, caseworkerScore: number): MeasurementInput {
  return {
    date,
    questionnaire: 'bip-1',
    status: 'final',
    citizen: all(CITIZEN_ITEMS, citizen),
    caseworker: all(CASEWORKER_ITEMS, caseworkerScore),
    channels: ['internet', 'network'],
  };
}

describe('the citizens a caller sees', () => {
  it('lists a caseworker’s current caseload in the municipality, and audits the pseudonyms read', async () => {
    const res = await caseworker.request('/api/progression/citizens?municipality=101');
    expect(res.status).toBe(200);
    const { citizens } = (await res.json()) as {
      citizens: { person: string; caseworker: string; benefit: string }[];
    };
    expect(citizens.map((c) => c.person)).toEqual([pseudonym.A]);
    expect(citizens[0]).toMatchObject({ caseworker: 'cw-test', benefit: 'kontanthjaelp_grundsats' });
    const [entry] = (await auditEntries(store, { action: 'read.persons' })).slice(-1);
    expect(entry).toMatchObject({ username: 'test-caseworker', persons: [pseudonym.A] });
  });

  it('refuses roles without person-level data, and municipalities not the caller’s', async () => {
    for (const who of [viewer, manager]) {
      const res = await who.request('/api/progression/citizens?municipality=101');
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toContain('read:persons or read:own-caseload');
    }
    expect((await caseworker.request('/api/progression/citizens?municipality=147')).status).toBe(403);
    const page = await viewer.request(`/api/progression/citizens/${pseudonym.A}?municipality=101`);
    expect(page.status).toBe(403);
  });

  it('answers 404 for a pseudonym the municipality does not have, 403 for another caseworker’s citizen', async () => {
    expect((await caseworker.request('/api/progression/citizens/nobody?municipality=101')).status).toBe(404);
    expect(
      (await caseworker.request(`/api/progression/citizens/${pseudonym.D}?municipality=101`)).status,
    ).toBe(404);
    expect(
      (await caseworker.request(`/api/progression/citizens/${pseudonym.B}?municipality=101`)).status,
    ).toBe(403);
    // C was cw-test's until week 202605: no longer theirs.
    expect(
      (await caseworker.request(`/api/progression/citizens/${pseudonym.C}?municipality=101`)).status,
    ).toBe(403);
    expect((await analyst.request(`/api/progression/citizens/${pseudonym.B}?municipality=101`)).status).toBe(
      200,
    );
  });
});

describe('recording measurements', () => {
  let draftId: number;

  it('keeps a draft, then makes it final; a final one is not changed again', async () => {
    const draft: MeasurementInput = {
      date: '2026-01-05',
      questionnaire: 'bip-1',
      status: 'draft',
      citizen: { health: 2 },
      caseworker: { health: 3 },
      channels: [],
    };
    const res = await send(
      caseworker,
      'POST',
      `/api/progression/citizens/${pseudonym.A}/measurements?municipality=101`,
      draft,
    );
    expect(res.status).toBe(201);
    const { measurement } = (await res.json()) as {
      measurement: { id: number; status: string; citizen: object; recordedBy: string; caseworker: string };
    };
    expect(measurement).toMatchObject({
      status: 'draft',
      citizen: { health: 2 },
      recordedBy: 'test-caseworker',
      caseworker: 'cw-test',
    });
    draftId = measurement.id;

    const incomplete = await send(caseworker, 'PUT', `/api/progression/measurements/${draftId}`, {
      ...draft,
      status: 'final',
    });
    expect(incomplete.status).toBe(422);
    expect(((await incomplete.json()) as { error: string }).error).toMatch(
      /^citizen: a final measurement needs an answer to every item .* missing jobSearch, labourMarketKnowledge/,
    );

    const final = await send(
      caseworker,
      'PUT',
      `/api/progression/measurements/${draftId}`,
      finalInput('2026-01-05', 2, 2),
    );
    expect(final.status).toBe(200);
    expect(
      ((await final.json()) as { measurement: { status: string; channels: string[] } }).measurement,
    ).toMatchObject({
      status: 'final',
      channels: ['internet', 'network'],
    });
    const again = await send(
      caseworker,
      'PUT',
      `/api/progression/measurements/${draftId}`,
      finalInput('2026-01-05', 3, 3),
    );
    expect(again.status).toBe(409);
  });

  it('refuses a score outside 1-5, an item the respondent does not answer and an unknown questionnaire', async () => {
    const path = `/api/progression/citizens/${pseudonym.A}/measurements?municipality=101`;
    const six = await send(caseworker, 'POST', path, {
      ...finalInput('2026-02-02', 3, 3),
      citizen: { health: 6 },
    });
    expect(six.status).toBe(400);
    expect(((await six.json()) as { error: string }).error).toBe(
      'request citizen.health: expected a score 1-5',
    );
    const belief = await send(caseworker, 'POST', path, {
      ...finalInput('2026-02-02', 3, 3),
      citizen: { ...all(CITIZEN_ITEMS, 3), caseworkerBelief: 2 },
    });
    expect(belief.status).toBe(422);
    expect(((await belief.json()) as { error: string }).error).toMatch(
      /^citizen\.caseworkerBelief: expected an item the citizen answers in bip-1/,
    );
    const unknown = await send(caseworker, 'POST', path, {
      ...finalInput('2026-02-02', 3, 3),
      questionnaire: 'bip-9',
    });
    expect(unknown.status).toBe(422);
    const badDay = await send(caseworker, 'POST', path, finalInput('2026-02-30', 3, 3));
    expect(badDay.status).toBe(422);
  });

  it("refuses a caseworker another caseworker's citizen, and roles without write:measurements", async () => {
    const b = await send(
      caseworker,
      'POST',
      `/api/progression/citizens/${pseudonym.B}/measurements?municipality=101`,
      finalInput('2026-02-02', 3, 3),
    );
    expect(b.status).toBe(403);
    const byAnalyst = await send(
      analyst,
      'POST',
      `/api/progression/citizens/${pseudonym.A}/measurements?municipality=101`,
      finalInput('2026-02-02', 3, 3),
    );
    expect(byAnalyst.status).toBe(403);
    // An admin records for anyone in their municipalities.
    const byAdmin = await send(
      admin,
      'POST',
      `/api/progression/citizens/${pseudonym.B}/measurements?municipality=101`,
      finalInput('2026-02-02', 3, 3),
    );
    expect(byAdmin.status).toBe(201);
    const id = ((await byAdmin.json()) as { measurement: { id: number } }).measurement.id;
    // …and the caseworker cannot change B's measurement by its id either.
    expect(
      (await send(caseworker, 'PUT', `/api/progression/measurements/${id}/plan`, { items: [] })).status,
    ).toBe(403);
    expect(
      (await send(caseworker, 'PUT', '/api/progression/measurements/999/plan', { items: [] })).status,
    ).toBe(404);
  });

  it("shows the citizen's page: changes since last and first, the dialogue guide and the action plan", async () => {
    const second = await send(
      caseworker,
      'POST',
      `/api/progression/citizens/${pseudonym.A}/measurements?municipality=101`,
      finalInput('2026-03-02', 4, 1),
    );
    const id = ((await second.json()) as { measurement: { id: number } }).measurement.id;
    const plan = await send(caseworker, 'PUT', `/api/progression/measurements/${id}/plan`, {
      items: [
        { indicator: 'health', goal: 3, nextStep: 'Lægesamtale', followUp: '2026-04-15' },
        { indicator: 'network', goal: null, nextStep: '', followUp: '2026-04-01' },
      ],
    });
    expect(plan.status).toBe(200);
    const res = await caseworker.request(`/api/progression/citizens/${pseudonym.A}?municipality=101`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as CitizenProgress;
    expect(page.measurements.map((m) => [m.date, m.status])).toEqual([
      ['2026-01-05', 'final'],
      ['2026-03-02', 'final'],
    ]);
    expect(page.changes.find((c) => c.indicator === 'health' && c.respondent === 'citizen')).toEqual({
      indicator: 'health',
      respondent: 'citizen',
      latest: 4,
      sinceLast: 2,
      sinceFirst: 2,
    });
    expect(page.changes.find((c) => c.indicator === 'health' && c.respondent === 'caseworker')).toMatchObject(
      { latest: 1, sinceLast: -1 },
    );
    // The caseworker's 1s are low and falling, and 3 steps from the citizen's 4s.
    expect(page.dialogue.filter((p) => p.indicator === 'health').map((p) => p.reason)).toEqual([
      'low',
      'falling',
      'disagree',
    ]);
    expect(page.plan).toEqual({
      measurementId: id,
      items: [
        { indicator: 'health', goal: 3, nextStep: 'Lægesamtale', followUp: '2026-04-15' },
        { indicator: 'network', goal: null, nextStep: '', followUp: '2026-04-01' },
      ],
    });
    expect(page.row).toMatchObject({
      measurements: 2,
      latestMean: 1,
      change: -1,
      nextFollowUp: '2026-04-01',
      hasDraft: false,
    });
    expect(page.questionnaire).toBe('bip-1');
    const trail = await auditEntries(store, { action: 'measurement.plan' });
    expect(trail.at(-1)).toMatchObject({ username: 'test-caseworker', persons: [pseudonym.A] });
  });
});

describe("the citizen's one-time link", () => {
  async function draftWithLink(hours?: number) {
    const res = await send(
      caseworker,
      'POST',
      `/api/progression/citizens/${pseudonym.A}/measurements?municipality=101`,
      {
        date: '2026-03-02',
        questionnaire: 'bip-1',
        status: 'draft',
        citizen: {},
        caseworker: { health: 2 },
        channels: [],
      },
    );
    const id = ((await res.json()) as { measurement: { id: number } }).measurement.id;
    const link = await send(caseworker, 'POST', `/api/progression/measurements/${id}/link`, {
      language: 'da',
      ...(hours ? { hours } : {}),
    });
    expect(link.status).toBe(201);
    return { id, link: (await link.json()) as { url: string; token: string; expiresAt: string } };
  }

  it("shows the citizen's part without personal data, takes the answers once, and keeps only the token's hash", async () => {
    const { id, link } = await draftWithLink();
    expect(link.url).toBe(`/#/borger/${link.token}`);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBe(new Date(clock + 72 * 3600_000).toISOString());
    const stored = await store.query<{ token_hash: string }>(
      'SELECT token_hash FROM citizen_links WHERE measurement_id = $1',
      [id],
    );
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.token_hash).not.toContain(link.token);

    const open = await admin.app.request(`/api/citizen-link/${link.token}`);
    expect(open.status).toBe(200);
    const text = await open.text();
    expect(text).not.toContain(pseudonym.A);
    const shown = JSON.parse(text) as {
      language: string;
      questionnaire: { citizen: unknown[]; caseworker?: unknown };
    };
    expect(shown.language).toBe('da');
    expect(shown.questionnaire.citizen).toHaveLength(9);
    expect(shown.questionnaire.caseworker).toBeUndefined();

    const answer = (body: unknown) =>
      admin.app.request(`/api/citizen-link/${link.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const partial = await answer({ answers: { health: 3 }, channels: [] });
    expect(partial.status).toBe(422);
    expect((await answer({ answers: all(CITIZEN_ITEMS, 4), channels: ['tempAgency'] })).status).toBe(204);
    expect((await answer({ answers: all(CITIZEN_ITEMS, 5), channels: [] })).status).toBe(410);
    expect((await admin.app.request(`/api/citizen-link/${link.token}`)).status).toBe(410);

    const page = (await (
      await caseworker.request(`/api/progression/citizens/${pseudonym.A}?municipality=101`)
    ).json()) as CitizenProgress;
    const measured = page.measurements.find((m) => m.id === id)!;
    expect(measured.citizen).toEqual(all(CITIZEN_ITEMS, 4));
    expect(measured.caseworkerAnswers).toEqual({ health: 2 });
    expect(measured.channels).toEqual(['tempAgency']);
    expect(measured.link).toEqual({ open: false, expiresAt: link.expiresAt });
    // The screen's save afterwards keeps the citizen's own answers and makes the measurement final.
    const save = await send(caseworker, 'PUT', `/api/progression/measurements/${id}`, {
      ...finalInput('2026-03-02', 1, 3),
      citizen: {},
      channels: [],
    });
    expect(save.status).toBe(200);
    const saved = (
      (await save.json()) as { measurement: { status: string; citizen: object; channels: string[] } }
    ).measurement;
    expect(saved).toMatchObject({
      status: 'final',
      citizen: all(CITIZEN_ITEMS, 4),
      channels: ['tempAgency'],
    });
    const [entry] = (await auditEntries(store, { action: 'measurement.link-answer' })).slice(-1);
    expect(entry).toMatchObject({ username: 'citizen-link', persons: [pseudonym.A] });
  });

  it('expires after its hours, and a token never issued is unknown', async () => {
    const { link } = await draftWithLink(1);
    clock += 3600_000 + 1;
    expect((await admin.app.request(`/api/citizen-link/${link.token}`)).status).toBe(410);
    expect((await admin.app.request('/api/citizen-link/not-a-token')).status).toBe(404);
    // Back to the sessions' time: they would have expired too.
    clock -= 3600_000 + 1;
  });
});

describe('the list of an analyst', () => {
  it('holds every measured citizen of the municipality, with the figures of their measurements', async () => {
    const res = await analyst.request('/api/progression/citizens?municipality=101');
    const { citizens } = (await res.json()) as { citizens: Record<string, unknown>[] };
    // A's follow-up comes first; B has none.
    expect(citizens.map((c) => c.person)).toEqual([pseudonym.A, pseudonym.B]);
    expect(citizens[0]).toMatchObject({
      measurements: 4, // three final, one draft with an open link
      lastMeasured: '2026-03-02',
      latestMean: 3, // the measurement answered through the link, the latest of the day
      change: 2, // from the caseworker's 1s
      nextFollowUp: '2026-04-01',
      hasDraft: true,
    });
    expect(citizens[1]).toMatchObject({ measurements: 1, latestMean: 3, change: null, nextFollowUp: null });
  });
});

describe('groups', () => {
  it('gives mean scores per quarter and the movement between the last two measurements', async () => {
    const res = await analyst.request('/api/progression/groups?municipality=101&by=benefit');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as GroupsAnswer;
    expect(answer.suppression).toEqual({ threshold: 0, applied: false });
    const group = answer.groups.find((g) => g.group === 'kontanthjaelp_grundsats')!;
    // Q1 2026: A's final measurements (caseworker 2s, 1s, then 3s through the link's) and B's 3s.
    expect(group.quarters).toHaveLength(1);
    expect(group.quarters[0]).toMatchObject({ quarter: '2026-Q1', persons: 2 });
    expect(group.quarters[0]!.means.health).toBeCloseTo((2 + 1 + 3 + 3) / 4, 12);
    // Only A has two final measurements or more: up from 1 to 3 between the last two.
    expect(group.movement).toEqual({ persons: 1, up: 1, same: 0, down: 0 });
  });

  it("groups by the department of the week measured, and by intervention ('none' without one)", async () => {
    const departments = (await (
      await analyst.request('/api/progression/groups?municipality=101&by=department')
    ).json()) as GroupsAnswer;
    expect(departments.groups.map((g) => [g.group, g.quarters[0]?.persons])).toEqual([
      ['Nord', 1],
      ['Syd', 1],
    ]);
    const interventions = (await (
      await analyst.request('/api/progression/groups?municipality=101&by=intervention')
    ).json()) as GroupsAnswer;
    expect(interventions.groups.map((g) => g.group)).toEqual(['none']);
  });

  it('withholds figures on few persons from roles with suppression, and needs read:levels below the municipality', async () => {
    const answer = (await (
      await viewer.request('/api/progression/groups?municipality=101&by=benefit')
    ).json()) as GroupsAnswer;
    expect(answer.suppression).toEqual({ threshold: 5, applied: true });
    expect(answer.groups[0]!.quarters[0]).toMatchObject({ persons: null, means: { health: null } });
    expect(answer.groups[0]!.movement).toEqual({ persons: null, up: null, same: null, down: null });
    expect((await viewer.request('/api/progression/groups?municipality=101&by=caseworker')).status).toBe(403);
    expect((await manager.request('/api/progression/groups?municipality=101&by=department')).status).toBe(
      200,
    );
  });
});

describe('the commands', () => {
  it('list the questionnaires and adopt a new version from a JSON file', async () => {
    const listed = await runCli(['progression', 'questionnaire', 'list', '--db', config.db, '--json']);
    expect(listed.code).toBe(0);
    const { questionnaires } = JSON.parse(listed.out) as { questionnaires: { version: string }[] };
    expect(questionnaires.map((q) => q.version)).toEqual(['bip-1']);
    const next = { ...(questionnaires[0] as object), version: 'aalborg-1' };
    const file = writeTemp(dir, 'aalborg-1.json', JSON.stringify(next));
    const adopted = await runCli([
      'progression',
      'questionnaire',
      'adopt',
      '--municipality',
      '851',
      '--file',
      file,
      '--from',
      '2026-04-01',
      '--db',
      config.db,
    ]);
    expect(adopted).toMatchObject({
      code: 0,
      out: 'Municipality 851 measures on aalborg-1 from 2026-04-01.\n',
    });
    const bad = writeTemp(dir, 'bad.json', JSON.stringify({ ...next, version: 'x y' }));
    const refused = await runCli([
      'progression',
      'questionnaire',
      'adopt',
      '--municipality',
      '851',
      '--file',
      bad,
      '--db',
      config.db,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('version: expected an id');
  });

  it('show the adopted version over HTTP, in use from its first day', async () => {
    const mine = (await (await analyst.request('/api/progression/questionnaires')).json()) as {
      questionnaires: { version: string }[];
      current: Record<string, string>;
    };
    expect(mine.questionnaires.map((q) => q.version)).toEqual(['bip-1', 'aalborg-1']);
    expect(mine.current).toEqual({ 101: 'bip-1' });
    const national = (await (await admin.request('/api/progression/questionnaires')).json()) as {
      current: Record<string, string>;
    };
    // The clock stands at 2026-03-02: Aalborg measures on its own version from 2026-04-01.
    expect(national.current).toMatchObject({ 101: 'bip-1', 147: 'bip-1', 851: 'bip-1' });
    expect(await currentVersions(store, [101, 851], '2026-04-01')).toEqual({
      101: 'bip-1',
      851: 'aalborg-1',
    });
  });

  it("print a citizen's progression and audit the read as the local user", async () => {
    const shown = await runCli([
      'progression',
      'citizen',
      pseudonym.A!,
      '--municipality',
      '101',
      '--db',
      config.db,
      '--json',
    ]);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.out) as CitizenProgress).person).toBe(pseudonym.A);
    const text = await runCli([
      'progression',
      'citizen',
      A,
      '--municipality',
      '101',
      '--db',
      config.db,
      '--language',
      'en',
    ]);
    expect(text.out).toContain('Health and coping with health');
    const [entry] = (await auditEntries(store, { action: 'read.persons' })).slice(-1);
    expect(entry?.persons).toEqual([pseudonym.A]);
    const unknown = await runCli([
      'progression',
      'citizen',
      'nobody',
      '--municipality',
      '101',
      '--db',
      config.db,
    ]);
    expect(unknown).toMatchObject({
      code: 1,
      err: 'jobinvest: no citizen with that pseudonym in municipality 101\n',
    });
  });
});
