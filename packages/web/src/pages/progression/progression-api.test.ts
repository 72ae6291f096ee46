import { QUESTIONNAIRE_BIP_1 } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import {
  formatChange,
  shortPseudonym,
  todayInCopenhagen,
  toggleChannel,
  unanswered,
} from './progression-api.ts';
import { radarPoint } from './RadarChart.tsx';

describe('the progression pages’ reckonings', () => {
  it('clears the other channels when "not searching" is chosen, and it when another is', () => {
    expect(toggleChannel(['internet', 'network'], 'notSearching')).toEqual(['notSearching']);
    expect(toggleChannel(['notSearching'], 'network')).toEqual(['network']);
    // Kept in the order of SEARCH_CHANNELS, whatever order they were chosen in.
    expect(toggleChannel(['network'], 'newspapers')).toEqual(['newspapers', 'network']);
    expect(toggleChannel(['newspapers', 'network'], 'network')).toEqual(['newspapers']);
  });

  it('names the items a final measurement still lacks, per respondent', () => {
    const citizen = Object.fromEntries(QUESTIONNAIRE_BIP_1.citizen.map((i) => [i.indicator, 3]));
    expect(
      unanswered(QUESTIONNAIRE_BIP_1, { citizen: { ...citizen, health: null }, caseworker: { health: 2 } }),
    ).toEqual({
      citizen: ['health'],
      caseworker: QUESTIONNAIRE_BIP_1.caseworker.map((i) => i.indicator).filter((k) => k !== 'health'),
    });
  });

  it('writes a change with its sign and a true minus, and none as a dash', () => {
    const one = (v: number) => v.toFixed(1).replace('.', ',');
    expect(formatChange(0.5, one)).toBe('+0,5');
    expect(formatChange(-1, one)).toBe('−1,0');
    expect(formatChange(0, one)).toBe('0,0');
    expect(formatChange(null, one)).toBe('–');
  });

  it('shortens a pseudonym to its first ten characters', () => {
    expect(shortPseudonym('0123456789abcdef')).toBe('0123456789…');
    expect(shortPseudonym('short')).toBe('short');
  });

  it('takes today in Copenhagen, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Copenhagen (UTC+1).
    expect(todayInCopenhagen(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('puts the first axis at the top and a 5 on the rim, a 1 a fifth of the way out', () => {
    const [x5, y5] = radarPoint(0, 11, 5);
    const [x1, y1] = radarPoint(0, 11, 1);
    expect(x5).toBeCloseTo(320);
    expect(y5).toBeCloseTo(235 - 160);
    expect(x1).toBeCloseTo(320);
    expect(y1).toBeCloseTo(235 - 32);
  });
});
