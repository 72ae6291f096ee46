import { describe, expect, it } from 'vitest';
import { BENEFITS } from './benefits.ts';
import { FLEX_THRESHOLDS } from './flexjob.ts';
import {
  rateName,
  rateTableName,
  RATE_BENEFIT_NAMES,
  RAW_IDENTIFIER,
  RATE_VARIANT_NAMES,
  ruleName,
  RULE_NAMES,
  sourceName,
  stateName,
  targetGroupName,
  interventionName,
} from './names.ts';
import { SHIPPED_RATES } from './rates.ts';
import { REFUSION_2016 } from './refusion.ts';
import { INTERVENTION_TYPES } from './synthetic/model.ts';

const RAW = RAW_IDENTIFIER;

describe('the names people read', () => {
  it('names every benefit and variant of the shipped rate table, in both languages', () => {
    for (const rate of SHIPPED_RATES.rates) {
      expect([rate.benefit, RATE_BENEFIT_NAMES[rate.benefit]]).not.toEqual([rate.benefit, undefined]);
      expect([rate.variant, RATE_VARIANT_NAMES[rate.variant]]).not.toEqual([rate.variant, undefined]);
      for (const language of ['da', 'en'] as const)
        expect(rateName(rate.benefit, rate.variant, language)).not.toMatch(RAW);
    }
  });

  it('names the rate each benefit group of the catalogue is priced by, in both languages', () => {
    for (const { code, rate } of BENEFITS) {
      if (!rate) continue;
      expect([code, RATE_VARIANT_NAMES[rate.variant]]).not.toEqual([code, undefined]);
      for (const language of ['da', 'en'] as const)
        expect(rateName(rate.benefit, rate.variant, language)).not.toMatch(RAW);
    }
    expect(rateName('kontanthjaelp', 'forhoejet', 'da')).toBe('kontanthjælp, forhøjet sats');
  });

  it('says a rate as a Danish economist would', () => {
    expect(rateName('kontanthjaelp', '30+ andre', 'da')).toBe(
      'kontanthjælp, 30 år og derover, ikke-forsørger',
    );
    expect(rateName('foertidspension', 'enlig', 'da')).toBe('førtidspension, enlig');
    expect(rateName('foertidspension', 'enlig', 'en')).toBe('disability pension (førtidspension), single');
    // A catalogue code in a user's table by its group's name; a variant of the user's own words as it is.
    expect(rateName('revalidering', 'egen sats', 'da')).toBe('revalidering / forrevalidering, egen sats');
    expect(rateName('sygedagpenge', 'max', 'da')).toBe('sygedagpenge, højeste sats');
  });

  it('names every source of the shipped rates and thresholds without the project’s own notes', () => {
    const sources = [...SHIPPED_RATES.rates.map((r) => r.source), ...FLEX_THRESHOLDS.map((t) => t.source)];
    for (const source of sources)
      for (const language of ['da', 'en'] as const) expect(sourceName(source, language)).not.toMatch(RAW);
    expect(sourceName('RULES.md §2 (non-official source)', 'da')).toBe(
      'ikke-officiel kilde, ikke efterprøvet i en officiel satsoversigt',
    );
    expect(sourceName('98 % of the highest dagpenge rate (vejl. 9154/2022) × bm.dk, satser 2025', 'da')).toBe(
      '98 % af den højeste dagpengesats (vejledning nr. 9154 af 2022), som har kilden: Beskæftigelsesministeriets satser for 2025 (bm.dk)',
    );
  });

  it('names the refusion rules, and every benefit group in both languages', () => {
    expect(Object.keys(RULE_NAMES)).toContain(REFUSION_2016.id);
    expect(ruleName(REFUSION_2016.id, 'da')).toBe(
      'refusionsreformen fra 2016 (LBK nr. 221 af 12/02/2021 §§ 5-6)',
    );
    for (const b of BENEFITS) {
      expect(stateName(b.code, 'da')).toBe(b.nameDa);
      expect(stateName(b.code, 'en')).toBe(b.nameEn);
    }
  });

  it('says the rate table by its month, and the own costs beside it', () => {
    expect(rateTableName('shipped-2026-11', 'da')).toBe('medfølgende satser, november 2026');
    expect(rateTableName('shipped-2026-11 + own costs', 'en')).toBe(
      "shipped rates, November 2026, and the municipality's own costs",
    );
    expect(rateTableName('satser.csv 1a2b3c', 'da')).toBe('satser.csv 1a2b3c');
  });

  it('finds the raw identifiers users were shown, and passes the words they should see', () => {
    for (const raw of [
      'kontanthjaelp 30+ andre',
      'foertidspension enlig',
      'RULES.md §3',
      'Af: anonymous',
      'kontanthjaelp_aktivitetsparat',
      'satser shipped-2026-11',
      'kontanthjælp, forhoejet',
    ])
      expect([raw, RAW.test(raw)]).toEqual([raw, true]);
    for (const fine of ['kontanthjælp (under 30 år, hjemmeboende)', 'Førtidspension', 'y_YYWW', 'efterløn'])
      expect([fine, RAW.test(fine)]).toEqual([fine, false]);
  });

  it("names every intervention type the generator writes, and shows a municipality's own as it is", () => {
    for (const type of INTERVENTION_TYPES)
      for (const language of ['da', 'en'] as const) expect(interventionName(type, language)).not.toBe(type);
    expect(interventionName('loentilskud', 'da')).toBe('Løntilskud');
    expect(interventionName('jobcafé', 'en')).toBe('jobcafé');
  });

  it('says a target group in words', () => {
    expect(targetGroupName({ benefit: 'kontanthjaelp_aktivitetsparat', minWeeks: 52 }, 'da')).toBe(
      'Kontanthjælp, aktivitetsparat; mindst 52 uger i forløbet',
    );
    expect(
      targetGroupName({ benefit: 'sygedagpenge', minWeeks: 5, maxWeeks: 26, minAge: 30, maxAge: 49 }, 'en'),
    ).toBe('Sickness benefit; 5-26 weeks in the spell; aged 30-49');
    expect(targetGroupName({ persons: ['a', 'b', 'c'] }, 'da')).toBe(
      'Alle på offentlig forsørgelse; blandt 3 udvalgte borgere',
    );
  });
});
