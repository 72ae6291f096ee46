/**
 * Hvad er et trin op værd?: what steps up on one indicator are worth for citizens like this one
 * (the citizen's current benefit group in the whole municipality), POST /api/progression/value with
 * share 1, once asked for (it takes the server seconds): the hazard ratio applied and its source, fewer weeks on support per citizen and the
 * municipal net saved over the horizon, the interval, the assumptions; for a role that may read
 * cases, a link that opens the investment calculator with this as the case's effect.
 */

import {
  CASEWORKER_INDICATORS,
  answersOf,
  scoreOf,
  type Indicator,
  type Measurement,
  type StepValue,
  type StepValueRequest,
} from '@jobinvest/core';
import { useId, useState } from 'react';
import { postJson } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { formatKr, formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { Section, Status, Tile } from '../../ui/page-parts.tsx';
import { defaultCase, stepValueCase } from '../jobinvest/default-case.ts';
import { openInCalculator } from '../jobinvest/Invest.tsx';
import { PROGRESSION, useIndicatorName } from './progression-api.ts';

/** The caseworker indicator with the lowest score in the latest final measurement (the first when none). */
export function lowestIndicator(latest: Measurement | null): Indicator {
  let lowest: { indicator: Indicator; score: number } | null = null;
  if (latest)
    for (const indicator of CASEWORKER_INDICATORS) {
      const score = scoreOf(answersOf(latest, 'caseworker'), indicator);
      if (score !== null && (lowest === null || score < lowest.score)) lowest = { indicator, score };
    }
  return lowest?.indicator ?? CASEWORKER_INDICATORS[0]!;
}

export function StepValueSection({
  municipality,
  benefit,
  latest,
}: {
  municipality: number;
  /** The citizen's current benefit group, null when not on one. */
  benefit: string | null;
  latest: Measurement | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const stateName = useStateName();
  const indicatorName = useIndicatorName();
  const mayInvest = useMay('read:cases');
  const id = useId();
  const [indicator, setIndicator] = useState<Indicator>(() => lowestIndicator(latest));
  const score = latest ? scoreOf(answersOf(latest, 'caseworker'), indicator) : null;
  // Not beyond 5: none at the top of the scale.
  const maxSteps = Math.max(0, Math.min(4, 5 - (score ?? 1)));
  const [wanted, setSteps] = useState(1);
  // Asked for: the value takes seconds of the server's CPU (the first time up to a minute).
  const [asked, setAsked] = useState(false);
  const steps = Math.min(wanted, maxSteps);
  const request: StepValueRequest | null =
    benefit && asked && maxSteps > 0
      ? {
          municipality: String(municipality).padStart(3, '0'),
          indicator,
          steps,
          share: 1,
          target: { benefit },
        }
      : null;
  const value = useLoad(request ? `progression-value-${JSON.stringify(request)}` : null, (signal) =>
    postJson<StepValue>(`${PROGRESSION}/value`, request, signal),
  );
  const one = (v: number) => formatNumber(v, 1);
  return (
    <Section title={words('progValueTitle')}>
      {!benefit ? (
        <p className="note">{words('progValueNoBenefit')}</p>
      ) : (
        <div data-step-value>
          <p className="note">{words('progValueTarget', { benefit: stateName(benefit) })}</p>
          <div className="prog-value-choices">
            <label htmlFor={`${id}-indicator`}>{words('progValueIndicator')} </label>
            <select
              id={`${id}-indicator`}
              value={indicator}
              onChange={(e) => setIndicator(e.target.value as Indicator)}
            >
              {CASEWORKER_INDICATORS.map((k) => (
                <option key={k} value={k}>
                  {indicatorName(k)}
                </option>
              ))}
            </select>{' '}
            <label htmlFor={`${id}-steps`}>{words('progValueSteps')} </label>
            <select id={`${id}-steps`} value={steps} onChange={(e) => setSteps(Number(e.target.value))}>
              {Array.from({ length: maxSteps }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            {score !== null && (
              <span className="note"> {words('progValueFrom', { score: String(score) })}</span>
            )}
          </div>
          {maxSteps === 0 ? (
            <p className="note" data-step-value-top>
              {words('progValueAtTop')}
            </p>
          ) : !asked ? (
            <p className="prog-actions">
              <button type="button" data-step-value-compute onClick={() => setAsked(true)}>
                {words('progValueCompute')}
              </button>
            </p>
          ) : (
            <Status loaded={value} what={words('progValueComputing')}>
              {(v) => (
                <>
                  <div className="tiles" data-applied={v.hazardRatio.applied}>
                    <Tile
                      label={words('progValueHazard')}
                      value={`${formatNumber(v.hazardRatio.applied, 2)}${
                        v.hazardRatio.lower !== null && v.hazardRatio.upper !== null
                          ? ` (${formatNumber(Math.pow(v.hazardRatio.lower, v.steps), 2)}–${formatNumber(Math.pow(v.hazardRatio.upper, v.steps), 2)})`
                          : ''
                      }`}
                    />
                    <Tile
                      label={words('progValueWeeks', { years: formatNumber(v.horizonWeeks / 52, 0) })}
                      value={`${one(v.weeksOnSupport.fewer)}${
                        v.interval
                          ? ` (${one(v.interval.lower.weeksOnSupport.fewer)}–${one(v.interval.upper.weeksOnSupport.fewer)})`
                          : ''
                      }`}
                      testId="step-value-weeks"
                    />
                    <Tile
                      label={words('progValueSaved', { years: formatNumber(v.horizonWeeks / 52, 0) })}
                      value={`${formatKr(v.municipalNet.saved)}${
                        v.interval
                          ? ` (${formatKr(v.interval.lower.municipalNet.saved)}–${formatKr(v.interval.upper.municipalNet.saved)})`
                          : ''
                      }`}
                      testId="step-value-saved"
                    />
                  </div>
                  <p className="note">
                    {v.hazardRatio.source === 'outcome-model'
                      ? words('progValueSourceModel', { perStep: formatNumber(v.hazardRatio.perStep, 3) })
                      : words('progValueSourceGiven')}{' '}
                    {words('progValueGroup', { persons: formatNumber(v.targetGroupSize, 0) })}
                  </p>
                  <details>
                    <summary>{words('assumptions')}</summary>
                    <ul>
                      {v.assumptions.map((a) => (
                        <li key={a.en}>{a[language]}</li>
                      ))}
                    </ul>
                  </details>
                  {mayInvest && (
                    <p className="prog-actions">
                      <button
                        type="button"
                        data-use-as-effect
                        onClick={() =>
                          openInCalculator(
                            stepValueCase(defaultCase(municipality, v.stockWeek, language), {
                              benefit,
                              hazardRatio: v.hazardRatio.applied,
                              participants: v.participants,
                              startWeek: v.startWeek,
                              name: words('progValueCaseName', {
                                steps: String(v.steps),
                                indicator: indicatorName(v.indicator),
                              }),
                            }),
                          )
                        }
                      >
                        {words('progValueUseAsEffect')}
                      </button>
                    </p>
                  )}
                </>
              )}
            </Status>
          )}
        </div>
      )}
    </Section>
  );
}
