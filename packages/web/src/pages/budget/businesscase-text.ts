/**
 * The business case's figures in words, the same on the page (BusinessCase.tsx), in the committee's
 * PDF (the server's budget/businesscase-report.ts) and at the command line: where each line's rate
 * comes from, and the payback. Amounts and shares are written the Danish way in both languages.
 */

import {
  benefitOf,
  formatKr,
  formatNumber,
  formatPercent,
  formatYyyyww,
  ruleName,
  statusName,
  type BusinessCaseLine,
  type BusinessCaseResult,
  type Language,
} from '@jobinvest/core';
import { wordsIn } from '../../words.ts';

/** The weeks of the count on each step of the staircase (LBK 221/2021 § 5). */
export const STEP_WEEKS: Readonly<Record<number, string>> = { 1: '1-4', 2: '5-26', 3: '27-52', 4: '53+' };

/** Kroner to the øre where there are øre: 9.860,80 kr., 8.000 kr. */
export function formatAmount(kr: number): string {
  return formatKr(kr, Number.isInteger(kr) ? 0 : 2);
}

/** A share with as many decimals as it has (up to two): 20 %, 35,5 %. */
export function formatShare(share: number): string {
  const percent = Math.round(share * 10_000) / 100;
  return formatPercent(share, Number.isInteger(percent) ? 0 : Number.isInteger(percent * 10) ? 1 : 2);
}

/** Where a line's rate comes from: given in the case, or the benefit's financing under the rules of the date. */
export function rateSourceText(line: BusinessCaseLine, language: Language): string {
  const words = wordsIn(language);
  const rate = line.rate;
  if (rate.kind === 'given') return words('bcRateGivenSource');
  const benefit = benefitOf(rate.benefit);
  const values = {
    benefit: language === 'da' ? benefit.nameDa : benefit.nameEn,
    step: rate.step ?? '',
    share: formatShare(rate.municipalShare),
    financing: words(`bcFinancing_${rate.financing}`),
    rules: ruleName(rate.rules, language),
    status: statusName(rate.status, language),
  };
  return rate.step === null ? words('bcRateFromRulesNoStep', values) : words('bcRateFromRules', values);
}

/** The payback: "2,81 måneder for 10 borgere", or that there is no saving to pay back with. */
export function paybackText(result: BusinessCaseResult, citizens: number, language: Language): string {
  const words = wordsIn(language);
  return result.paybackMonths === null
    ? words('bcPaybackNever')
    : words('bcPaybackMonths', {
        months: formatNumber(result.paybackMonths, 2),
        citizens: formatNumber(citizens),
      });
}

/** Citizens paying the one-off cost back within 12 months, or a dash when nothing pays it back. */
export function citizensIn12Text(result: BusinessCaseResult): string {
  return result.citizensToPayBackIn12Months === null ? '–' : formatNumber(result.citizensToPayBackIn12Months);
}

/** The rules the benefit lines were priced with, by their name and status; null when every rate was given. */
export function rulesText(result: BusinessCaseResult, language: Language): string | null {
  return result.rules
    ? wordsIn(language)('bcRulesSource', {
        rules: ruleName(result.rules.id, language),
        status: statusName(result.rules.status, language),
      })
    : null;
}

/** "Beregnet 2026-12-07 med refusionsreglerne for uge 2026-50". */
export function dateText(date: string, asOfWeek: number, language: Language): string {
  return wordsIn(language)('bcDate', { date, week: formatYyyyww(asOfWeek, language).replace(/^\S+ /, '') });
}
