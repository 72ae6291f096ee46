/**
 * A case's results: the headline figures, the charts, the net by year and the assumptions. The
 * figures that need the break-even search and the replications come in `replicated`, first as an
 * estimate from the first replications (`provisional`), then as the final figures, those the report
 * prints.
 */

import { useMemo } from 'react';
import { rateTableName } from '@jobinvest/core';
import type { CaseDocument, CaseResult } from '../../api.ts';
import { formatKr, formatNumber, formatPercent, formatWeeks, formatYyyyww } from '../../format.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { Notices } from '../../ui/Notices.tsx';
import { Section, Tile } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';
import { cumulativeOption, effectOption, yearsOption } from './case-charts.ts';

export function CaseResults({
  doc,
  result,
  replicated,
  provisional = false,
  pending,
}: {
  doc: CaseDocument;
  result: CaseResult;
  replicated: CaseResult | null;
  /** `replicated` is a first estimate from the first replications; the final figures follow. */
  provisional?: boolean;
  /** The answer with replications is on its way ("…" where it goes; "–" when none will come). */
  pending: boolean;
}) {
  const words = useWords();
  const language = useLanguage();
  const payback = (w: number | null) =>
    w === null ? words('never') : `${formatWeeks(w, language)} (${words('weeksCount', { weeks: w })})`;
  const labels = useMemo(
    () => ({
      without: words('withoutIntervention'),
      with: words('withIntervention'),
      cumulative: words('cumulative'),
      paybackPoint: words('paybackPoint'),
      breakEven: words('breakEven'),
      chosenEffect: words('chosenEffect'),
      weeks: words('weeksAxis'),
      week: words('week'),
    }),
    [words],
  );
  const yearsChart = useMemo(() => yearsOption(result, labels), [result, labels]);
  const cumulativeChart = useMemo(() => cumulativeOption(result, labels), [result, labels]);
  // The live answer skips the break-even search; the answer with replications brings it.
  const breakEven = replicated ? replicated.breakEvenEffect : undefined;
  const waiting = pending ? '…' : '–';
  const effectChart = useMemo(
    () => (breakEven === undefined ? null : effectOption({ ...result, breakEvenEffect: breakEven }, labels)),
    [result, breakEven, labels],
  );
  const breakEvenText =
    breakEven === undefined
      ? waiting
      : breakEven === null
        ? words('breakEvenNone')
        : formatNumber(breakEven, 3);
  const info = {
    title: doc.name,
    assumptions: [
      words('caseAssumption', {
        hazardRatio: formatNumber(result.hazardRatio, 3),
        participants: doc.participants,
        horizon: doc.horizonWeeks,
        rate: formatPercent(doc.discountRate, 1),
      }),
      `${words('npv')}: ${formatKr(result.npv)}; ${words('breakEven')}: ${breakEvenText}.`,
      ...result.assumptions,
    ],
    notices: result.notices,
    dataVersion: result.dataVersion,
    ratesVersion: result.ratesVersion,
  };
  return (
    <ExportInfoProvider info={info}>
      <Notices notices={result.notices} />
      <div className="tiles">
        <Tile label={words('npvGain')} value={formatKr(result.npv)} testId="npv" />
        <Tile label={words('payback')} value={payback(result.paybackWeek)} testId="payback" />
        <Tile
          label={words('discountedPayback')}
          value={payback(result.discountedPaybackWeek)}
          testId="discounted-payback"
        />
        <Tile label={words('breakEven')} value={breakEvenText} testId="break-even" />
        <Tile
          label={words('probability')}
          value={
            replicated?.probabilityOfPayback == null
              ? waiting
              : `${provisional ? '≈ ' : ''}${formatPercent(replicated.probabilityOfPayback, 0)}`
          }
          testId="probability"
          {...(replicated && provisional
            ? { provisional: words('probabilityFirst', { replications: replicated.replications }) }
            : {})}
        />
        <Tile
          label={words('movedFullTime')}
          value={formatNumber(result.fullTimePersonsMoved, 1)}
          testId="moved"
        />
      </div>
      <p className="lead">
        {words('caseLead', {
          persons: formatNumber(result.targetGroupSize),
          stockWeek: formatYyyyww(result.stockWeek, language),
          startWeek: formatYyyyww(result.startWeek, language),
          participants: doc.participants,
        })}
        {replicated?.npvInterval80 &&
          ` ${words('npvInterval80', {
            low: formatKr(replicated.npvInterval80[0]),
            high: formatKr(replicated.npvInterval80[1]),
            replications: replicated.replications,
          })}`}
      </p>
      <Section title={words('cumulative')}>
        <Chart name="invest-cumulative" option={cumulativeChart} height={300} label={words('cumulative')} />
      </Section>
      <Section
        title={`${words('municipalNet')}: ${words('withIntervention').toLowerCase()} / ${words('withoutIntervention').toLowerCase()}`}
      >
        <Chart name="invest-years" option={yearsChart} height={260} label={words('municipalNet')} />
        <DataTable
          name="invest-years"
          title={words('netByYear')}
          columns={[
            { key: 'year', header: words('year') },
            { key: 'without', header: words('withoutIntervention'), numeric: true, unit: 'kr.' },
            { key: 'with', header: words('withIntervention'), numeric: true, unit: 'kr.' },
            { key: 'difference', header: words('difference'), numeric: true, unit: 'kr.' },
            { key: 'moved', header: words('movedFullTime'), numeric: true, decimals: 1 },
          ]}
          rows={result.years.map((y) => ({
            year: String(y.year),
            without: y.without,
            with: y.with,
            difference: y.difference,
            moved: y.fullTimePersonsMoved,
          }))}
        />
      </Section>
      <Section title={`${words('breakEven')} / ${words('chosenEffect')}`}>
        {effectChart ? (
          <Chart name="invest-effect" option={effectChart} height={120} label={words('breakEven')} />
        ) : pending ? (
          <p className="status computing">{words('computing')}</p>
        ) : (
          <p className="status">{words('notComputed')}</p>
        )}
      </Section>
      <Section title={words('assumptions')}>
        <ul className="assumptions">
          {result.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
          <li>
            {words('versions', {
              data: result.dataVersion,
              rates: rateTableName(result.ratesVersion, language),
            })}
          </li>
        </ul>
      </Section>
    </ExportInfoProvider>
  );
}
