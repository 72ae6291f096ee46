import { describe, expect, it } from 'vitest';
import { parseDanishNumber } from '../../ui/danish-input.ts';
import { adjustmentsBody, adjustmentsOf, budgetQuery, NO_ADJUSTMENTS } from './budget-query.ts';

describe('the budget page’s request', () => {
  it('sends no adjustments and no cases when nothing is typed', () => {
    expect(budgetQuery(101, 2027, NO_ADJUSTMENTS, [])).toBe('municipality=101&year=2027');
  });

  it('sends Danish numbers as typed ("650.000", "-5 %", "27,5") as the API’s adjustments, and the cases', () => {
    const number = (text: string, unit?: string) => {
      const parsed = parseDanishNumber(text, unit ? { unit } : {});
      if (!parsed.ok) throw new Error(`not a number: ${text}`);
      return parsed.value;
    };
    const adjustments = {
      fullTimePersonsChange: { sygedagpenge: number('-5 %', '%') / 100, adagpenge: 0 },
      activityPricePerWeek: { virksomhedspraktik: number('1.234,5') },
      caseload: number('27,5'),
      costPerCaseworker: number('650.000 kr.', 'kr.'),
      announced: { beskaeftigelsestilskud: { '2027': number('123.456.789 kr.', 'kr.') }, budgetgaranti: {} },
    };
    expect(adjustmentsBody(adjustments)).toEqual({
      fullTimePersonsChange: { sygedagpenge: -0.05 },
      activityPricePerWeek: { virksomhedspraktik: 1234.5 },
      caseload: 27.5,
      costPerCaseworker: 650_000,
      announced: { beskaeftigelsestilskud: { '2027': 123_456_789 } },
    });
    const query = new URLSearchParams(budgetQuery(575, 2028, adjustments, [3, 7]));
    expect(query.get('municipality')).toBe('575');
    expect(query.get('cases')).toBe('3,7');
    expect(JSON.parse(query.get('adjustments')!)).toEqual({
      fullTimePersonsChange: { sygedagpenge: -0.05 },
      activityPricePerWeek: { virksomhedspraktik: 1234.5 },
      caseload: 27.5,
      costPerCaseworker: 650_000,
      announced: { beskaeftigelsestilskud: { '2027': 123_456_789 } },
    });
  });

  it('takes a saved version’s adjustments back as they were sent', () => {
    const sent = {
      fullTimePersonsChange: { sygedagpenge: -0.05 },
      caseload: 30,
      announced: { budgetgaranti: { '2028': -1_500_000 } },
    };
    expect(adjustmentsOf(sent)).toEqual({
      fullTimePersonsChange: { sygedagpenge: -0.05 },
      activityPricePerWeek: {},
      caseload: 30,
      costPerCaseworker: null,
      announced: { beskaeftigelsestilskud: {}, budgetgaranti: { '2028': -1_500_000 } },
    });
    expect(adjustmentsBody(adjustmentsOf(sent))).toEqual(sent);
  });
});
