import { describe, expect, it } from 'vitest';
import { dialogueGuide } from './dialogue.ts';
import type { Scored } from './progress.ts';

const m = (
  date: string,
  citizen: Scored['citizen'],
  caseworkerAnswers: Scored['caseworkerAnswers'],
): Scored => ({
  date,
  status: 'final',
  citizen,
  caseworkerAnswers,
});

describe('dialogueGuide', () => {
  it('raises low scores, falling scores and disagreement of two steps or more', () => {
    const points = dialogueGuide([
      m('2026-01-10', { health: 3, network: 4, contact: 4 }, { health: 3, network: 4, contact: 3 }),
      m('2026-04-10', { health: 2, network: 5, contact: 4 }, { health: 3, network: 3, contact: 2 }),
    ]);
    expect(points.map((p) => `${p.indicator}:${p.reason}`)).toEqual([
      'health:low', // the citizen's 2
      'health:falling', // the citizen's 3 → 2
      'network:falling', // the caseworker's 4 → 3
      'network:disagree', // 5 against 3
      'contact:low', // the caseworker's 2
      'contact:falling',
      'contact:disagree', // 4 against 2
    ]);
    expect(points[0]!.text.da).toMatch(/^Helbred og mestring af helbred: lav score\. /);
    expect(points[0]!.text.en).toMatch(/^Health and coping with health: low score\. /);
  });

  it('is quiet where scores are 3 or more, steady and agreed, and for drafts', () => {
    expect(dialogueGuide([m('2026-01-10', { health: 3 }, { health: 4 })])).toEqual([]);
    expect(dialogueGuide([{ ...m('2026-01-10', { health: 1 }, {}), status: 'draft' }])).toEqual([]);
  });
});
