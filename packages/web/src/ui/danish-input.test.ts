import { describe, expect, it } from 'vitest';
import { caseStartRange, formatForInput, parseDanishNumber, parseWeek } from './danish-input.ts';

const value = (text: string, rules = {}) => {
  const parsed = parseDanishNumber(text, rules);
  return parsed.ok ? parsed.value : parsed.problem.kind;
};

describe('a number typed the Danish way', () => {
  it('reads thousands dots, decimal commas and plain digits', () => {
    expect(value('25.000')).toBe(25000);
    expect(value('1.500.000')).toBe(1500000);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('0,035')).toBe(0.035);
    expect(value('25000')).toBe(25000);
    expect(value('3,5')).toBe(3.5);
    expect(value('1,234')).toBe(1.234);
    expect(value('0')).toBe(0);
    expect(value('  42 ')).toBe(42);
  });

  it('reads thousands spaced, a sign, and the field unit after the number', () => {
    expect(value('1 500 000')).toBe(1500000);
    expect(value('25\u00a0000')).toBe(25000);
    expect(value('-5')).toBe(-5);
    expect(value('−2,5')).toBe(-2.5);
    expect(value('3,5 %', { unit: '%' })).toBe(3.5);
    expect(value('25.000 kr.', { unit: 'kr.' })).toBe(25000);
    expect(value('25.000 kr', { unit: 'kr.' })).toBe(25000);
    // A unit the field does not have is not a number.
    expect(value('3,5 %')).toBe('malformed');
  });

  it('refuses a dot that does not group thousands, rather than guess', () => {
    expect(value('1.5')).toBe('ambiguous');
    expect(value('25.00')).toBe('ambiguous');
    expect(value('0.035')).toBe('ambiguous');
    expect(value('1.234.5')).toBe('ambiguous');
    expect(value('1,234.5')).toBe('ambiguous');
    expect(value('1.5000')).toBe('ambiguous');
    expect(value('.5')).toBe('ambiguous');
  });

  it('refuses what is no number', () => {
    expect(value('')).toBe('empty');
    expect(value('   ')).toBe('empty');
    expect(value('abc')).toBe('malformed');
    expect(value('1,2,3')).toBe('malformed');
    expect(value('12-3')).toBe('malformed');
    expect(value(',5')).toBe('malformed');
    expect(value('1 5')).toBe('malformed');
    expect(value('1.000 000')).toBe('ambiguous');
    expect(value('1e5')).toBe('malformed');
    expect(value('Infinity')).toBe('malformed');
  });

  it('keeps to the field: whole numbers, the least and the most', () => {
    expect(parseDanishNumber('2,5', { integer: true })).toEqual({
      ok: false,
      problem: { kind: 'notInteger', value: 2.5 },
    });
    expect(parseDanishNumber('5.000', { min: 1, max: 517 })).toEqual({
      ok: false,
      problem: { kind: 'aboveMax', value: 5000, max: 517 },
    });
    expect(parseDanishNumber('0', { min: 1 })).toEqual({
      ok: false,
      problem: { kind: 'belowMin', value: 0, min: 1 },
    });
    expect(value('517', { min: 1, max: 517, integer: true })).toBe(517);
  });

  it('writes a number into a field so that it reads back the same', () => {
    expect(formatForInput(25000)).toBe('25.000');
    expect(formatForInput(1500000)).toBe('1.500.000');
    expect(formatForInput(12345.5)).toBe('12.345,5');
    expect(formatForInput(1234.5)).toBe('1234,5');
    expect(formatForInput(1234.5, 1000)).toBe('1.234,5');
    expect(formatForInput(0.035)).toBe('0,035');
    expect(formatForInput(3.5)).toBe('3,5');
    expect(formatForInput(0.1 + 0.2)).toBe('0,3');
    expect(formatForInput(-12345)).toBe('-12.345');
    expect(formatForInput(2026)).toBe('2026');
    expect(formatForInput(999)).toBe('999');
    expect(formatForInput(1e-7)).toBe('0,0000001');
    for (const v of [0, 1, 25000, 1234.5, 0.035, 3.5, 1e9, -42.25, 123456.789, -98765.4321])
      for (const from of [10_000, 1000]) expect(value(formatForInput(v, from))).toBe(v);
  });
});

describe('a start week typed as YYYYWW', () => {
  const range = { first: 201602, last: 202752 };
  const week = (text: string, r: typeof range | null = range) => {
    const parsed = parseWeek(text, r);
    return parsed.ok ? parsed.value : parsed.problem;
  };

  it('reads YYYYWW, and YYYY-WW and YYYY-Www', () => {
    expect(week('202701')).toBe(202701);
    expect(week(' 202614 ')).toBe(202614);
    expect(week('2027-05')).toBe(202705);
    expect(week('2027-W05')).toBe(202705);
    expect(week('2027W5')).toBe(202705);
    expect(week('2026-53')).toBe(202653);
  });

  it('says why a text is no start week', () => {
    expect(week('')).toEqual({ kind: 'empty' });
    expect(week('2027')).toEqual({ kind: 'malformed' });
    expect(week('20271')).toEqual({ kind: 'malformed' });
    expect(week('abc')).toEqual({ kind: 'malformed' });
    // 2027 has 52 ISO weeks, 2026 has 53.
    expect(week('202753')).toEqual({ kind: 'noSuchWeek', year: 2027, week: 53, weeks: 52 });
    expect(week('202600')).toEqual({ kind: 'noSuchWeek', year: 2026, week: 0, weeks: 53 });
    expect(week('201601')).toEqual({ kind: 'beforeRange', week: 201601, range });
    expect(week('202801')).toEqual({ kind: 'afterRange', week: 202801, range });
    expect(week('209901', null)).toBe(209901);
  });

  it('allows a case to start from the week after the data begin to the end of the year after they end', () => {
    expect(caseStartRange({ first: 201601, last: 202552 })).toEqual({ first: 201602, last: 202652 + 1 });
    expect(caseStartRange({ first: 201601, last: 202648 })).toEqual({ first: 201602, last: 202752 });
    expect(caseStartRange({ first: 202053, last: 202452 })).toEqual({ first: 202101, last: 202552 });
    // A last week of data in week 1 of an ISO year that began in December still counts as that ISO year.
    expect(caseStartRange({ first: 201901, last: 202001 })).toEqual({ first: 201902, last: 202152 });
  });
});
