import { describe, expect, it } from 'vitest';
import { parseCase, type InvestmentCaseDocument } from './case-schema.ts';
import { getCase, listCases, saveCase } from './saved-cases.ts';
import { Store } from '../data/index.ts';

function caseNamed(name: string, participants = 10): InvestmentCaseDocument {
  const parsed = parseCase({
    name,
    municipality: 751,
    target: { benefit: 'sygedagpenge' },
    participants,
    startWeek: '202540',
    cost: {},
    effect: { hazardRatio: 1.1 },
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.value;
}

describe('saved cases', () => {
  it('are created by migration 2', async () => {
    const store = await Store.open(':memory:');
    const applied = await store.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(applied.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(applied[1]?.name).toBe('saved investment cases');
  });

  it('keep every version of a name and list only the latest, each name once', async () => {
    const store = await Store.open(':memory:');
    const a1 = await saveCase(store, caseNamed('A', 10), 'ida', 3);
    const b1 = await saveCase(store, caseNamed('B'), 'ole', null);
    const a2 = await saveCase(store, caseNamed('A', 20), 'ole', 4);
    const a3 = await saveCase(store, caseNamed('A', 30), 'ida', 4);
    expect([a1.version, a2.version, a3.version, b1.version]).toEqual([1, 2, 3, 1]);
    expect(new Set([a1.caseId, a2.caseId, a3.caseId, b1.caseId]).size).toBe(4);
    expect(a3.savedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const list = await listCases(store);
    expect(list.map(({ savedAt: _, ...rest }) => rest)).toEqual([
      {
        caseId: a3.caseId,
        name: 'A',
        version: 3,
        versions: 3,
        savedBy: 'ida',
        municipality: 751,
        startWeek: '202540',
      },
      {
        caseId: b1.caseId,
        name: 'B',
        version: 1,
        versions: 1,
        savedBy: 'ole',
        municipality: 751,
        startWeek: '202540',
      },
    ]);
    const first = await getCase(store, a1.caseId);
    expect(first).toMatchObject({ name: 'A', version: 1, savedBy: 'ida', dataVersion: 3 });
    expect(first?.document.participants).toBe(10);
    expect((await getCase(store, b1.caseId))?.dataVersion).toBeNull();
  });

  it('answer null for an id that was never saved', async () => {
    const store = await Store.open(':memory:');
    expect(await getCase(store, 1)).toBeNull();
  });

  it('refuse a document that does not parse and write nothing', async () => {
    const store = await Store.open(':memory:');
    const bad = { ...caseNamed('A'), participants: 0 };
    await expect(saveCase(store, bad, 'ida', null)).rejects.toThrow(/participants: /);
    expect(await listCases(store)).toEqual([]);
  });
});
