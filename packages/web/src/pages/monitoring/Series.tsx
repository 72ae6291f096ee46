/**
 * Nøgletal's development: a measure month by month over the last two years (GET /api/kpi/series,
 * each whole month counted as any period), and for full-time persons of the whole municipality the
 * next 12 months from the Prognose page's forecast, its mean with the 80 % and 95 % bands of the same
 * replications. The bands come when the replications are made (the server makes them after a start
 * or an import); until then the page says so and asks again. The months as a table, to .xlsx.
 */

import type { MeasureUnit } from '@jobinvest/core';
import { useMemo, useState } from 'react';
import { type Suppressed } from '../../api.ts';
import { formatMonth, formatNumber, formatTick, formatYyyyww } from '../../format.ts';
import { useBandsWhenReady, useKept } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { PALETTE } from '../../ui/palette.ts';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { DataTable, type Column, type Row } from '../../ui/Table.tsx';
import { withheldText } from '../../ui/withheld.ts';
import { bandSeries } from '../jobinvest/Forecast.tsx';

/** The forecast's colour: the palette's fourth, apart from the observed line's first. */
const FORECAST_COLOUR = PALETTE[3]!;

export interface SeriesLine {
  readonly id: string;
  readonly name: string;
  readonly unit: MeasureUnit;
}

interface MonthOutlook {
  readonly year: number;
  readonly month: number;
  readonly from: number;
  readonly to: number;
  readonly mean: number;
  readonly band80: [number, number];
  readonly band95: [number, number];
}

export interface SeriesAnswer {
  readonly months: readonly {
    readonly year: number;
    readonly month: number;
    readonly from: number;
    readonly to: number;
    readonly figures: Readonly<Record<string, number | null>>;
  }[];
  readonly suppressed: { readonly threshold: number | null; readonly withheld: number };
  readonly forecast: {
    readonly state: 'ready' | 'pending' | 'failed' | 'none' | 'withheld';
    readonly error?: string;
    readonly stockWeek: number | null;
    readonly replications: number;
    readonly months: readonly MonthOutlook[];
  } | null;
}

export function Series({
  path,
  lines,
  format,
  exported,
}: {
  /** /api/kpi/series with the page's choice. */
  path: string;
  /** The measures one may follow, in the page's order. */
  lines: readonly SeriesLine[];
  format: (value: number, unit: MeasureUnit) => string;
  exported: (value: number, unit: MeasureUnit) => number;
}) {
  const words = useWords();
  const language = useLanguage();
  const [measure, setMeasure] = useState('fullTimePersons');
  const {
    value: answer,
    busy,
    error,
  } = useKept(useBandsWhenReady<SeriesAnswer>(path, (a) => a.forecast?.state === 'pending'));
  const line = lines.find((l) => l.id === measure) ?? lines[0]!;
  const suppressed: Suppressed | undefined =
    answer && answer.suppressed.threshold !== null
      ? { threshold: answer.suppressed.threshold, withheld: answer.suppressed.withheld }
      : undefined;
  const forecast = answer?.forecast ?? null;
  const ahead = measure === 'fullTimePersons' && forecast?.state === 'ready' ? forecast.months : [];

  const option = useMemo(() => {
    if (!answer) return null;
    const observed = answer.months.map((m) => m.figures[line.id] ?? null);
    const labels = [...answer.months, ...ahead].map((m) => formatMonth(m.year, m.month, language));
    const gap = answer.months.map(() => null);
    const shares = line.unit === 'share';
    const scale = (v: number | null) => (v === null ? null : shares ? v * 100 : v);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) =>
          v === null || v === undefined ? '–' : shares ? `${formatNumber(v, 1)} %` : formatNumber(v, 1),
      },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatTick } },
      series: [
        {
          name: line.name,
          type: 'line',
          data: [...observed.map(scale), ...ahead.map(() => null)],
          symbolSize: 5,
          lineStyle: { width: 2 },
        },
        ...(ahead.length > 0
          ? bandSeries(
              words('kpiForecastLine'),
              [...gap, ...ahead.map((m) => m.mean)],
              [...gap, ...ahead.map((m) => m.band80)],
              [...gap, ...ahead.map((m) => m.band95)],
              { band80: words('band80'), band95: words('band95') },
            ).map((s) =>
              // The forecast and its bands in one colour, the line dashed: what is not yet observed.
              s.name === words('kpiForecastLine')
                ? { ...s, color: FORECAST_COLOUR, lineStyle: { width: 2, type: 'dashed' } }
                : { ...s, color: FORECAST_COLOUR },
            )
          : []),
      ],
    };
  }, [answer, line, ahead, language, words]);

  const wholeNumbers = line.unit === 'persons' || line.unit === 'count' || line.unit === 'kroner';
  const bound = (key: string, header: string): Column => ({ key, header, numeric: true, decimals: 1 });
  const columns: Column[] = [
    { key: 'month', header: words('kpiMonth') },
    { key: 'weeks', header: words('kpiMonthWeeks') },
    {
      key: 'value',
      header: line.name,
      numeric: true,
      decimals: wholeNumbers ? 0 : 1,
      ...(line.unit === 'share' ? { unit: '%' } : {}),
    },
    ...(ahead.length > 0
      ? [
          bound('forecast', words('kpiForecastLine')),
          bound('low80', words('kpiBandLow', { band: words('band80') })),
          bound('high80', words('kpiBandHigh', { band: words('band80') })),
          bound('low95', words('kpiBandLow', { band: words('band95') })),
          bound('high95', words('kpiBandHigh', { band: words('band95') })),
        ]
      : []),
  ];
  const weeksOf = (m: { from: number; to: number }) =>
    `${formatYyyyww(m.from, language)}–${formatYyyyww(m.to, language)}`;
  const rows: Row[] = answer
    ? [
        ...answer.months.map((m) => {
          const v = m.figures[line.id] ?? null;
          return {
            month: formatMonth(m.year, m.month, language),
            weeks: weeksOf(m),
            value: v === null ? (suppressed ? withheldText(suppressed) : null) : exported(v, line.unit),
          };
        }),
        ...ahead.map((m) => ({
          month: formatMonth(m.year, m.month, language),
          weeks: weeksOf(m),
          value: null,
          forecast: Number(m.mean.toFixed(1)),
          low80: Number(m.band80[0].toFixed(1)),
          high80: Number(m.band80[1].toFixed(1)),
          low95: Number(m.band95[0].toFixed(1)),
          high95: Number(m.band95[1].toFixed(1)),
        })),
      ]
    : [];
  const last = answer?.months.at(-1);

  return (
    <Section
      title={words('kpiSeries')}
      aside={
        <Definition>
          {words('kpiSeriesDefinition')}{' '}
          {forecast?.state === 'ready' &&
            words('kpiForecastDefinition', { replications: forecast.replications })}
        </Definition>
      }
    >
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={words('kpiSeries')}>
        <label>
          {words('kpiMeasure')}
          <select name="seriesMeasure" value={line.id} onChange={(e) => setMeasure(e.target.value)}>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && (
        <p className="status error" role="alert" data-series-error>
          {words('error')}: {error}
        </p>
      )}
      {!answer && !error && <p role="status">{words('loading')}</p>}
      {answer && option && (
        <div className={busy ? 'stale' : 'current'} data-series-months={answer.months.length}>
          {answer.months.length === 0 ? (
            <p className="note">{words('kpiSeriesNone')}</p>
          ) : (
            <>
              {last && (
                <p className="lead">
                  {words('kpiSeriesLead', {
                    measure: line.name,
                    month: formatMonth(last.year, last.month, language),
                    value:
                      last.figures[line.id] == null
                        ? suppressed
                          ? withheldText(suppressed)
                          : '–'
                        : format(last.figures[line.id]!, line.unit),
                  })}
                </p>
              )}
              {measure === 'fullTimePersons' && <ForecastNote forecast={forecast} />}
              <Chart name="kpi-series" option={option} height={280} label={words('kpiSeries')} />
              <details>
                <summary>{words('kpiSeriesTable')}</summary>
                <DataTable name="kpi-series" title={words('kpiSeries')} columns={columns} rows={rows} />
              </details>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** What stands where the forecast would be: being made, withheld, failed, or only for the whole municipality. */
function ForecastNote({ forecast }: { forecast: SeriesAnswer['forecast'] }) {
  const words = useWords();
  if (forecast === null)
    return (
      <p className="note" data-forecast="none">
        {words('kpiForecastWholeOnly')}
      </p>
    );
  switch (forecast.state) {
    case 'ready':
      return null;
    case 'pending':
      return (
        <p className="note" role="status" aria-live="polite" data-forecast="pending">
          {words('kpiForecastPending', { replications: forecast.replications })}
        </p>
      );
    case 'withheld':
      return (
        <p className="note" data-forecast="withheld">
          {words('kpiForecastWithheld')}
        </p>
      );
    default:
      return (
        <p className="note" role="alert" data-forecast="failed">
          {words('bandsFailed', { error: forecast.error ?? '' })}
        </p>
      );
  }
}
