import { describe, expect, it } from 'vitest';
import { fromYyyyww } from '../weeks.ts';
import {
  BusinessCaseError,
  businessCase,
  validateBusinessCase,
  type BusinessCaseInput,
  type BusinessCaseLineInput,
} from './businesscase.ts';

const WEEK_2027 = fromYyyyww(202701);

function caseOf(before: BusinessCaseLineInput[], after: BusinessCaseLineInput[] = [], more = {}) {
  return { name: 'Småjobs', before, after, oneOffCost: 0, citizens: 1, ...more } satisfies BusinessCaseInput;
}

/** The problems `json` is refused with, in English. */
function refusal(json: unknown, readNumber: ((t: string) => number | null) | null = null): string {
  try {
    validateBusinessCase(json, readNumber);
  } catch (error) {
    if (error instanceof BusinessCaseError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('a line with a given refusion rate', () => {
  it('leaves the municipality 8.000 kr. of 10.000 kr. a month at refusion 0.2', () => {
    const r = businessCase(
      caseOf([{ label: 'Kontanthjælp', monthlyGross: 10_000, refusionRate: 0.2 }]),
      WEEK_2027,
    );
    expect(r.before).toEqual({ gross: 10_000, refusion: 2_000, net: 8_000 });
    expect(r.after).toEqual({ gross: 0, refusion: 0, net: 0 });
    expect(r.savingPerMonth).toBe(8_000);
    expect(r.savingPerYear).toBe(96_000);
    expect(r.rules).toBeNull();
  });
});

describe('rounding to the øre', () => {
  it('makes net the gross less the refusion as shown, and the saving the difference of the nets shown', () => {
    // 333,33 × 0,333 = 110,99889 → 111,00; net 333,33 − 111,00 = 222,33 (not 222,33111 rounded apart).
    // After: 100,005 × 0,5 = 50,0025 → 50,00 refusion of a gross of 100,01 (100,005 rounds up): net 50,01.
    const r = businessCase(
      caseOf(
        [{ label: 'A', monthlyGross: 333.33, refusionRate: 0.333 }],
        [{ label: 'B', monthlyGross: 100.005, refusionRate: 0.5 }],
      ),
      WEEK_2027,
    );
    expect(r.before).toEqual({ gross: 333.33, refusion: 111, net: 222.33 });
    expect(r.after).toEqual({ gross: 100.01, refusion: 50, net: 50.01 });
    expect(r.savingPerMonth).toBe(172.32);
    expect(r.savingPerYear).toBe(2_067.84);
  });
});

describe('a line naming a benefit and a staircase step (LBK 221/2021 § 5)', () => {
  it('takes the state refusion of the step for a benefit the municipality pays: 80 % at step 1, 20 % at step 4', () => {
    const step = (s: number) =>
      businessCase(
        caseOf([
          { label: 'Kontanthjælp', monthlyGross: 12_326, benefit: 'kontanthjaelp_forhoejet', step: s },
        ]),
        WEEK_2027,
      ).before;
    expect(step(1)).toEqual({ gross: 12_326, refusion: 9_860.8, net: 2_465.2 });
    expect(step(2)).toEqual({ gross: 12_326, refusion: 4_930.4, net: 7_395.6 });
    expect(step(3)).toEqual({ gross: 12_326, refusion: 3_697.8, net: 8_628.2 });
    expect(step(4)).toEqual({ gross: 12_326, refusion: 2_465.2, net: 9_860.8 });
  });

  it('makes the municipality pay the co-financing rate of a benefit an a-kasse pays: 60 % at step 2', () => {
    const r = businessCase(
      caseOf([{ label: 'A-dagpenge', monthlyGross: 20_000, benefit: 'adagpenge', step: 2 }]),
      WEEK_2027,
    );
    // The gross is the citizen's dagpenge; the municipality pays 60 % of it, the rest is not its own.
    expect(r.before).toEqual({ gross: 20_000, refusion: 8_000, net: 12_000 });
    expect(r.lines.before[0]?.rate).toMatchObject({
      kind: 'rules',
      financing: 'cofinancing',
      municipalShare: 0.6,
      rules: 'refusion-2016',
      status: 'verified',
    });
    expect(r.lines.before[0]?.refusionRate).toBe(0.4);
    expect(r.rules).toMatchObject({ id: 'refusion-2016', status: 'verified' });
  });

  it('takes the fixed share of førtidspension granted before 2014 (65 %), with no step', () => {
    const r = businessCase(
      caseOf([{ label: 'Førtidspension', monthlyGross: 20_000, benefit: 'foertidspension_foer2014' }]),
      WEEK_2027,
    );
    expect(r.before).toEqual({ gross: 20_000, refusion: 7_000, net: 13_000 });
    expect(r.lines.before[0]?.rate).toMatchObject({ financing: 'fixed', step: null });
  });

  it('refuses a benefit merged away before the date, naming the week it ended', () => {
    const input = caseOf([
      { label: 'Uddannelseshjælp', monthlyGross: 7_000, benefit: 'uddannelseshjaelp', step: 4 },
    ]);
    expect(() => businessCase(input, WEEK_2027)).toThrow(
      'before[0].benefit: expected a benefit that exists in week 202701 (Education assistance, under 30: until week 202526, now Social assistance, basic rate), found "uddannelseshjaelp"',
    );
    // Before the reform it is priced as any refusion benefit.
    expect(businessCase(input, fromYyyyww(202501)).before.net).toBe(5_600);
  });

  it('refuses a date no refusion rules cover rather than pricing with rules that did not apply', () => {
    const input = caseOf([
      { label: 'Kontanthjælp', monthlyGross: 10_000, benefit: 'kontanthjaelp_forhoejet', step: 4 },
    ]);
    expect(() => businessCase(input, fromYyyyww(201552))).toThrow(/week 201552 lies outside them/);
  });
});

describe('the saving and the payback', () => {
  // Before: kontanthjælp at step 4, 12.326 kr. (net 80 % = 9.860,80). After: kontanthjælp reduced
  // by the small job's wage to 6.000 kr. at step 4 (net 4.800) and a mentor at 1.500 kr. with no
  // financing (net 1.500). Saving 9.860,80 − 6.300 = 3.560,80 kr. a month, 42.729,60 a year.
  const input = caseOf(
    [{ label: 'Kontanthjælp', monthlyGross: 12_326, benefit: 'kontanthjaelp_forhoejet', step: 4 }],
    [
      { label: 'Kontanthjælp, nedsat', monthlyGross: 6_000, benefit: 'kontanthjaelp_forhoejet', step: 4 },
      { label: 'Mentor', monthlyGross: 1_500, refusionRate: 0 },
    ],
    { oneOffCost: 100_000, citizens: 10 },
  );

  it('saves before.net − after.net a month and 12 times that a year', () => {
    const r = businessCase(input, WEEK_2027);
    expect(r.after).toEqual({ gross: 7_500, refusion: 1_200, net: 6_300 });
    expect(r.savingPerMonth).toBe(3_560.8);
    expect(r.savingPerYear).toBe(42_729.6);
  });

  it('pays back the one-off cost in oneOffCost / (citizens × saving) months', () => {
    const r = businessCase(input, WEEK_2027);
    // 100.000 / (10 × 3.560,80) = 2,8084 months.
    expect(r.paybackMonths).toBe(2.81);
    // 100.000 / 42.729,60 = 2,34 citizens a year: 3 citizens pay it back within 12 months.
    expect(r.citizensToPayBackIn12Months).toBe(3);
  });

  it('pays back exactly in 12 months with the exact number of citizens', () => {
    const r = businessCase(
      caseOf([{ label: 'Ydelse', monthlyGross: 10_000, refusionRate: 0.2 }], [], {
        oneOffCost: 192_000,
        citizens: 2,
      }),
      WEEK_2027,
    );
    expect(r.paybackMonths).toBe(12);
    expect(r.citizensToPayBackIn12Months).toBe(2);
  });

  it('never pays back when after costs as much as before or more', () => {
    const same = caseOf(
      [{ label: 'Ydelse', monthlyGross: 10_000, refusionRate: 0.3 }],
      [{ label: 'Ydelse', monthlyGross: 10_000, refusionRate: 0.3 }],
      { oneOffCost: 50_000 },
    );
    const r = businessCase(same, WEEK_2027);
    expect(r.savingPerMonth).toBe(0);
    expect(r.paybackMonths).toBeNull();
    expect(r.citizensToPayBackIn12Months).toBeNull();
    const dearer = caseOf(
      [{ label: 'Ydelse', monthlyGross: 10_000, refusionRate: 0.3 }],
      [{ label: 'Tilbud', monthlyGross: 9_000, refusionRate: 0 }],
      { oneOffCost: 50_000 },
    );
    expect(businessCase(dearer, WEEK_2027)).toMatchObject({ savingPerMonth: -2_000, paybackMonths: null });
  });

  it('needs no months and no citizens to pay back no one-off cost', () => {
    const r = businessCase(caseOf([{ label: 'Ydelse', monthlyGross: 1_000, refusionRate: 0 }]), WEEK_2027);
    expect(r.paybackMonths).toBe(0);
    expect(r.citizensToPayBackIn12Months).toBe(0);
  });
});

describe('validating a case', () => {
  const good = {
    name: 'Småjobs',
    before: [{ label: 'Kontanthjælp', monthlyGross: 12_326, refusionRate: 0.2 }],
    after: [
      { label: 'Kontanthjælp', monthlyGross: 6_000, refusionRate: 0.2 },
      { label: 'Mentor', monthlyGross: 1_500, refusionRate: 0 },
    ],
    oneOffCost: 0,
    citizens: 1,
  };

  it('takes the contract example', () => {
    expect(validateBusinessCase(good)).toEqual(good);
  });

  it('names the field path, the share expected and the value found', () => {
    const bad = { ...good, after: [good.after[0], { ...good.after[1], refusionRate: 1.5 }] };
    expect(refusal(bad)).toBe('after[1].refusionRate: expected a share from 0 to 1, found 1.5');
    try {
      validateBusinessCase(bad);
    } catch (error) {
      expect((error as BusinessCaseError).messageIn('da')).toBe(
        'after[1].refusionRate: forventede en andel fra 0 til 1, fandt 1.5',
      );
    }
  });

  it('reports every problem, counting those after the first', () => {
    expect(refusal({ ...good, name: '', citizens: 0 })).toBe(
      'name: expected a name of 1 to 200 characters, found "" (and 1 more problem)',
    );
  });

  it('refuses a line with both a rate and a benefit, or with neither', () => {
    const both = {
      ...good,
      before: [{ label: 'X', monthlyGross: 1, refusionRate: 0.2, benefit: 'adagpenge', step: 1 }],
    };
    expect(refusal(both)).toMatch(/^before\[0\]: expected either refusionRate or benefit and step, not both/);
    const neither = { ...good, before: [{ label: 'X', monthlyGross: 1 }] };
    expect(refusal(neither)).toBe(
      'before[0].refusionRate: expected a share from 0 to 1, or a benefit and a step, found nothing',
    );
    try {
      validateBusinessCase(neither);
    } catch (error) {
      expect((error as BusinessCaseError).messageIn('da')).toBe(
        'before[0].refusionRate: forventede en andel fra 0 til 1, eller en ydelse (benefit) og et trin (step), fandt intet',
      );
    }
  });

  it('refuses an unknown benefit and a step off the staircase', () => {
    const unknown = { ...good, before: [{ label: 'X', monthlyGross: 1, benefit: 'pension', step: 1 }] };
    expect(refusal(unknown)).toBe(
      'before[0].benefit: expected a benefit code of the catalogue\'s, found "pension"',
    );
    const step5 = { ...good, before: [{ label: 'X', monthlyGross: 1, benefit: 'sygedagpenge', step: 5 }] };
    expect(refusal(step5)).toMatch(
      /^before\[0\]\.step: expected the step on the refusion staircase, 1 to 4 .* found 5$/,
    );
    const fixedStep = {
      ...good,
      before: [{ label: 'X', monthlyGross: 1, benefit: 'foertidspension_foer2014', step: 2 }],
    };
    expect(refusal(fixedStep)).toBe(
      'before[0].step: expected no step: Disability pension, granted before 1 July 2014 is not on the refusion staircase, found 2',
    );
    const noStep = { ...good, before: [{ label: 'X', monthlyGross: 1, benefit: 'sygedagpenge' }] };
    expect(refusal(noStep)).toMatch(/^before\[0\]\.step: .* found nothing$/);
  });

  it('refuses a negative amount, a fraction of a citizen and a before without lines', () => {
    expect(refusal({ ...good, oneOffCost: -1 })).toBe(
      'oneOffCost: expected an amount in kroner, 0 or more, found -1',
    );
    expect(refusal({ ...good, citizens: 2.5 })).toMatch(
      /^citizens: expected a whole number of citizens .* found 2.5$/,
    );
    expect(refusal({ ...good, before: [] })).toBe('before: expected a list of 1 to 50 lines, found []');
  });

  it('reads Danish numbers in text when given a reader, and refuses text without one', () => {
    // A reader as the edges' (server input/numbers.ts): "25.000" is 25000, "0,2" is 0.2.
    const danish = (t: string) => (t === '25.000' ? 25_000 : t === '0,2' ? 0.2 : null);
    const texts = { ...good, before: [{ label: 'X', monthlyGross: '25.000', refusionRate: '0,2' }] };
    expect(validateBusinessCase(texts, danish).before[0]).toEqual({
      label: 'X',
      monthlyGross: 25_000,
      refusionRate: 0.2,
    });
    expect(refusal(texts)).toMatch(
      /^before\[0\]\.monthlyGross: expected an amount in kroner, 0 or more, found "25.000"/,
    );
  });
});
