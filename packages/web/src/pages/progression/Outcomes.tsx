/**
 * Sammenhænge: what the indicators say about jobs and job search (GET /api/progression/outcomes, core's
 * `OutcomesAnswer`): the hazard ratio of entering work per scale point of each indicator with its
 * 95 % interval; how well "in work within 6 months" and job search are told apart with and without
 * the indicators (AUC); the caseworker's belief against the share later in work beside BIP's
 * published shares; a change of caseworker and the caseworker's job orientation; each intervention's
 * change of the indicators since its start; the per-point hazard ratios period by period (validity
 * watched live); and what could not be estimated.
 * Cells on fewer persons than the threshold come withheld (null) for roles with suppression and
 * show as "<5".
 */

import { interventionName, type HazardRatio, type OutcomesAnswer } from '@jobinvest/core';
import { getJson } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Definition, Section, Status, Tile } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { code3, PROGRESSION, useIndicatorName } from './progression-api.ts';

const two = (v: number) => formatNumber(v, 2);
const interval = (e: { lower: number; upper: number }) => `${two(e.lower)} – ${two(e.upper)}`;
const pValue = (p: number) => (p < 0.001 ? '< 0,001' : formatNumber(p, 3));

export function OutcomesPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const path = `${PROGRESSION}/outcomes?municipality=${code3(municipality)}`;
  const loaded = useLoad(path, (signal) => getJson<OutcomesAnswer>(path, signal));
  return (
    <>
      <h1>{words('progOutcomes')}</h1>
      <p className="lead">{words('progOutcomesLead')}</p>
      <ExportInfoProvider info={{ title: words('progOutcomes'), assumptions: [words('progOutcomesLead')] }}>
        <Status loaded={loaded} what={words('progComputing')}>
          {(answer) => <Outcomes answer={answer} />}
        </Status>
      </ExportInfoProvider>
    </>
  );
}

function Outcomes({ answer }: { answer: OutcomesAnswer }) {
  const words = useWords();
  const language = useLanguage();
  const indicatorName = useIndicatorName();
  const withheld = answer.suppression?.applied ? `<${answer.suppression.threshold ?? 5}` : null;
  const shown = (v: number | null) => (v === null ? withheld : v);
  const hr = (h: Pick<HazardRatio, 'hazardRatio' | 'lower' | 'upper' | 'p'> | null) =>
    h === null
      ? { hr: null, ci: null, p: null }
      : { hr: two(h.hazardRatio), ci: interval(h), p: pValue(h.p) };
  const truth = answer.truth;
  const hrColumns: Column[] = [
    { key: 'what', header: '' },
    { key: 'hr', header: words('progHazardRatio'), numeric: true },
    { key: 'ci', header: words('progInterval95'), numeric: true },
    { key: 'p', header: 'p', numeric: true },
    ...(truth
      ? [
          { key: 'truth', header: words('progTruth'), numeric: true },
          { key: 'covered', header: words('progTruthCovered') },
        ]
      : []),
  ];
  /** The true value beside an estimate, and whether its interval holds it (the demo only). */
  const against = (h: Pick<HazardRatio, 'lower' | 'upper'> | null, value: number | undefined): Row =>
    !truth || value === undefined
      ? {}
      : {
          truth: two(value),
          covered: h === null ? null : words(h.lower <= value && value <= h.upper ? 'yes' : 'no'),
        };
  return (
    <div className="prog-outcomes">
      {truth && (
        <p className="notice" data-outcomes-truth>
          {words('progTruthNotice', { version: truth.modelVersion })}
        </p>
      )}
      {answer.sample && (
        <div className="tiles" data-outcomes-sample>
          <Tile label={words('progPersons')} value={formatNumber(answer.sample.persons)} />
          <Tile label={words('progMeasurements')} value={formatNumber(answer.sample.measurements)} />
          <Tile label={words('progPersonWeeks')} value={formatNumber(answer.sample.personWeeks)} />
          <Tile label={words('progJobStarts')} value={formatNumber(answer.sample.events)} />
        </div>
      )}
      {answer.hazard && (
        <Section
          title={words('progPerPoint')}
          aside={<Definition>{words('progPerPointDefinition')}</Definition>}
        >
          <DataTable
            name="progression-hazard"
            title={words('progPerPoint')}
            columns={[{ key: 'indicator', header: words('progIndicator') }, ...hrColumns.slice(1)]}
            rows={answer.hazard.perPoint.map((h): Row => ({
              indicator: indicatorName(h.indicator),
              ...hr(h),
              ...against(h, truth?.hazardRatioPerPoint[h.indicator]),
            }))}
          />
        </Section>
      )}
      {answer.discrimination && (
        <Section
          title={words('progDiscrimination')}
          aside={<Definition>{words('progDiscriminationDefinition')}</Definition>}
        >
          <DataTable
            name="progression-discrimination"
            title={words('progDiscrimination')}
            columns={[
              { key: 'outcome', header: words('progOutcome') },
              { key: 'persons', header: words('progPersons'), numeric: true },
              { key: 'register', header: words('progAucRegister'), numeric: true },
              { key: 'indicators', header: words('progAucIndicators'), numeric: true },
              { key: 'difference', header: words('progAucDifference'), numeric: true },
              { key: 'p', header: 'p', numeric: true },
            ]}
            rows={(['job', 'jobSearch'] as const).flatMap((k): Row[] => {
              const d = answer.discrimination![k];
              if (!d) return [];
              return [
                {
                  outcome:
                    k === 'job'
                      ? words('progOutcomeJob', { weeks: d.withinWeeks ?? '–' })
                      : words('progOutcomeJobSearch'),
                  persons: d.persons,
                  register: `${two(d.register.auc)} (${interval(d.register)})`,
                  indicators: `${two(d.indicators.auc)} (${interval(d.indicators)})`,
                  difference: `${two(d.aucDifference.estimate)} (${interval(d.aucDifference)})`,
                  p: pValue(d.aucDifference.p),
                },
              ];
            })}
          />
        </Section>
      )}
      {answer.caseworker && (
        <Section title={words('progCaseworkerEffects')}>
          <h3>{words('progBelief', { weeks: answer.caseworker.withinWeeks })}</h3>
          <DataTable
            name="progression-belief"
            title={words('progCaseworkerEffects')}
            columns={[
              { key: 'label', header: words('progBeliefAnswer') },
              { key: 'persons', header: words('progPersons'), numeric: true },
              { key: 'share', header: words('progShareInWork'), numeric: true },
              { key: 'bip', header: words('progShareBip'), numeric: true },
            ]}
            rows={answer.caseworker.belief.map((b): Row => ({
              label: `${b.answer}. ${b.label}`,
              persons: shown(b.persons),
              share: b.share === null ? (b.persons === null ? withheld : null) : formatPercent(b.share),
              bip: formatPercent(b.bip),
            }))}
          />
          <h3>{words('progCaseworkerChange')}</h3>
          <p className="note" data-outcomes-orientation>
            {words('progOrientationDefinition', {
              caseworkers: answer.caseworker.orientation.caseworkers,
              gap: answer.caseworker.orientation.gap === null ? '–' : two(answer.caseworker.orientation.gap),
            })}
          </p>
          {truth && <p className="note">{words('progTruthDirect')}</p>}
          <DataTable
            name="progression-caseworker-change"
            title={words('progCaseworkerChange')}
            columns={hrColumns}
            rows={[
              {
                what: words('progChangeRegister'),
                ...hr(answer.caseworker.change.register),
              },
              {
                what: words('progChangeAdjusted'),
                ...hr(answer.caseworker.change.adjusted),
                ...against(answer.caseworker.change.adjusted, truth?.caseworkerChangeHazardRatio),
              },
              {
                what: words('progOrientationRegister'),
                ...hr(answer.caseworker.orientation.register),
              },
              {
                what: words('progOrientationAdjusted'),
                ...hr(answer.caseworker.orientation.adjusted),
                ...against(answer.caseworker.orientation.adjusted, truth?.orientationHighVsLowHazardRatio),
              },
            ]}
          />
        </Section>
      )}
      {answer.interventions && (
        <Section
          title={words('progInterventions')}
          aside={<Definition>{words('progInterventionsDefinition')}</Definition>}
        >
          {truth && (
            <p data-outcomes-truth-interventions>
              {words('progTruthInterventions', {
                effects: Object.entries(truth.interventionReadiness)
                  .sort((a, b) => b[1] - a[1])
                  .map(([type, effect]) => `${interventionName(type, language)} ${two(effect)}`)
                  .join(', '),
              })}
            </p>
          )}
          <DataTable
            name="progression-interventions"
            title={words('progInterventions')}
            columns={[
              { key: 'type', header: words('progBy_intervention') },
              { key: 'bin', header: words('progWeeksSinceStart') },
              { key: 'persons', header: words('progPersons'), numeric: true },
              { key: 'mean', header: words('progMeanChange'), numeric: true },
              { key: 'ci', header: words('progInterval95'), numeric: true },
            ]}
            rows={answer.interventions.rows.map((r): Row => {
              const mean = r.change.mean;
              return {
                type: interventionName(r.type, language),
                bin: r.bin,
                persons: shown(r.persons),
                mean: mean ? two(mean.estimate) : null,
                ci: mean ? interval(mean) : null,
              };
            })}
          />
        </Section>
      )}
      {answer.validity && answer.validity.length > 0 && (
        <Section
          title={words('progValidity')}
          aside={<Definition>{words('progValidityDefinition')}</Definition>}
        >
          <DataTable
            name="progression-validity"
            title={words('progValidity')}
            columns={[
              { key: 'indicator', header: words('progIndicator') },
              ...answer.validity.map((v): Column => ({ key: v.period, header: v.period, numeric: true })),
            ]}
            rows={(answer.hazard?.perPoint ?? []).map((h): Row => ({
              indicator: indicatorName(h.indicator),
              ...Object.fromEntries(
                answer.validity!.map((v) => {
                  const found = v.perPoint?.find((x) => x.indicator === h.indicator);
                  return [v.period, found ? two(found.hazardRatio) : null];
                }),
              ),
            }))}
          />
        </Section>
      )}
      {answer.notes && answer.notes.length > 0 && (
        <Section title={words('progNotes')}>
          <ul className="assumptions" data-outcomes-notes>
            {answer.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
