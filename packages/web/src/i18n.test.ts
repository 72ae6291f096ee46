import { describe, expect, it } from 'vitest';
import { WORDS, wordsIn } from './words.ts';

describe('the words in Danish and English', () => {
  it('puts values into their places in each language', () => {
    expect(wordsIn('da')('weeksCount', { weeks: 30 })).toBe('30 uger');
    expect(wordsIn('en')('weeksCount', { weeks: 30 })).toBe('30 weeks');
    expect(wordsIn('en')('savedAs', { name: 'A', version: 2 })).toBe('Saved: A, version 2');
  });

  it('leaves a place without a value visible rather than writing "undefined"', () => {
    expect(wordsIn('da')('weeksCount')).toBe('{weeks} uger');
  });

  it('has the same places in the Danish and the English text of every word', () => {
    const places = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [word, [da, en]] of Object.entries(WORDS))
      expect([word, places(en)]).toEqual([word, places(da)]);
  });
});
