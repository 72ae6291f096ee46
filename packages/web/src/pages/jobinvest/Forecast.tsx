/**
 * Prognose: the forecast per benefit group with 80/95 % bands (from the microsimulation's
 * replications), expenditure gross and municipal net, and how much of the municipal expenditure sits
 * on each step of the refusion staircase.
 */

import { rateTableName } from '@jobinvest/core';
import { useMemo, useState } from 'react';
import { getJson, type Forecast, type ForecastRow, type ForecastTotal } from '../../api.ts';
import { useCatalogue, useStateName } from '../../catalogue.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { Notices } from '../../ui/Notices.tsx';
import { formatNumber, formatPercent, formatTick, formatYyyyww, krAxis } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { shownFigure, shownTotal } from '../../ui/withheld.ts';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';

export function ForecastPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const code = String(municipality).padStart(3, '0');
  const loaded = useLoad(`forecast-${code}`, (signal) =>
    getJson<Forecast>(`/api/forecast?municipality=${code}&horizon=260`, signal),
  );
  return (
    <Status loaded={loaded} what={words('forecastComputing')}>
      {(forecast) => <ForecastView forecast={forecast} />}
    </Status>
  );
}

/** An 80 % and a 95 % band and the mean line, as ECharts series (bands as stacked areas). */
export function bandSeries(
  name: string,
  mean: number[],
  band80: ([number, number] | null)[],
  band95: ([number, number] | null)[],
  words: { band80: string; band95: string },
) {
  const lower = (b: ([number, number] | null)[]) => b.map((x, i) => x?.[0] ?? mean[i]!);
  const width = (b: ([number, number] | null)[]) => b.map((x) => (x ? x[1] - x[0] : 0));
  const band = (label: string, b: ([number, number] | null)[], opacity: number) => [
    {
      name: label,
      type: 'line',
      stack: label,
      data: lower(b),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      tooltip: { show: false },
    },
    {
      name: label,
      type: 'line',
      stack: label,
      data: width(b),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      areaStyle: { opacity },
      tooltip: { show: false },
    },
  ];
  return [
    ...band(words.band95, band95, 0.15),
    ...band(words.band80, band80, 0.3),
    { name, type: 'line', data: mean, symbolSize: 6, lineStyle: { width: 2 } },
  ];
}

function ForecastView({ forecast }: { forecast: Forecast }) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const catalogue = useCatalogue();
  const groups = useMemo(() => {
    const firstYear = forecast.years[0]?.year;
    return [...new Set(forecast.years.map((r) => r.state))]
      .filter((s) => catalogue.get(s)?.publicSupport)
      .sort(
        (a, b) =>
          (forecast.years.find((r) => r.state === b && r.year === firstYear)?.fullTimePersons ?? 0) -
          (forecast.years.find((r) => r.state === a && r.year === firstYear)?.fullTimePersons ?? 0),
      );
  }, [forecast, catalogue]);
  const [group, setGroup] = useState(groups[0] ?? '');
  const years = [...new Set(forecast.years.map((r) => r.year))];
  const rowsOf = (state: string) =>
    years.map((y) => forecast.years.find((r) => r.state === state && r.year === y));
  const picked = rowsOf(group);
  const bandWords = { band80: words('band80'), band95: words('band95') };
  const personsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, 1) },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatTick } },
      series: bandSeries(
        name(group),
        picked.map((r) => r?.fullTimePersons ?? 0),
        picked.map((r) => r?.fullTimePersonsInterval80 ?? null),
        picked.map((r) => r?.fullTimePersonsInterval95 ?? null),
        bandWords,
      ),
    }),
    [forecast, group, name, words],
  );
  // The sums over every group; where those are withheld, the sum of the groups shown (a note says so).
  const partial = forecast.totals.some((t) => t.gross === null);
  const total = (pick: (r: ForecastRow | ForecastTotal) => number | null) =>
    years.map((y) => {
      const whole = forecast.totals.find((t) => t.year === y);
      const value = whole ? pick(whole) : null;
      return value ?? forecast.years.filter((r) => r.year === y).reduce((a, r) => a + (pick(r) ?? 0), 0);
    });
  const axisKr = krAxis(Math.max(0, ...total((r) => r.gross), ...total((r) => r.municipalNet)));
  /** Bars of kroner by year. */
  const krByYear = (series: object[]) => ({
    tooltip: { trigger: 'axis', valueFormatter: axisKr.tooltip },
    legend: { bottom: 0 },
    grid: { left: 80, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', axisLabel: { formatter: axisKr.axis } },
    series,
  });
  const moneyOption = useMemo(
    () =>
      krByYear([
        { name: words('gross'), type: 'bar', data: total((r) => r.gross) },
        { name: words('municipalNet'), type: 'bar', data: total((r) => r.municipalNet) },
      ]),
    [forecast, words],
  );
  const stepOption = useMemo(() => {
    // The weeks of each step and the municipality's share of the benefit on it.
    const steps: [string, number][] = [
      ['1-4', 0.2],
      ['5-26', 0.6],
      ['27-52', 0.7],
      ['53+', 0.8],
    ];
    const stepNames = [
      words('outsideStaircase'),
      ...steps.map(([weeks, share]) => words('staircaseStep', { weeks, share: formatPercent(share, 0) })),
    ];
    return krByYear(
      stepNames.map((stepName, step) => ({
        name: stepName,
        type: 'bar',
        stack: 'steps',
        data: total((r) => r.municipalNetByStep[step] ?? 0),
      })),
    );
  }, [forecast, words]);
  const info = {
    title: words('forecastTitle', {
      municipality: forecast.municipality,
      week: formatYyyyww(forecast.stockWeek, language),
    }),
    assumptions: forecast.assumptions,
    notices: forecast.notices,
    dataVersion: forecast.dataVersion,
    ratesVersion: forecast.ratesVersion,
  };
  return (
    <ExportInfoProvider info={info}>
      <h1>{words('forecast')}</h1>
      <Notices notices={forecast.notices} />
      <p className="lead">
        {words('forecastLead', {
          week: formatYyyyww(forecast.stockWeek, language),
          persons:
            forecast.stockPersons === null
              ? String(shownTotal(Object.values(forecast.stockByState)))
              : formatNumber(forecast.stockPersons),
          inflow: formatNumber(forecast.inflowPerWeek, 1),
          horizon: forecast.horizonWeeks,
          engine:
            forecast.engine === 'microsimulation'
              ? words('microsimulationMean', { replications: forecast.replications })
              : words('expectedValues'),
          rates: rateTableName(forecast.ratesVersion, language),
        })}
      </p>
      <Section
        title={words('forecastPersons')}
        aside={
          <label>
            {words('benefit')}{' '}
            <select value={group} onChange={(e) => setGroup(e.target.value)}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {name(g)}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <Chart name="forecast-persons" option={personsOption} label={words('forecastPersons')} />
      </Section>
      <Section
        title={`${words('expenditure')}: ${words('gross')} / ${words('municipalNet')}`}
        aside={<Definition>{words('expenditureDefinition')}</Definition>}
      >
        <Chart name="forecast-money" option={moneyOption} height={280} label={words('expenditure')} />
        {partial && <p className="note">{words('totalsPartial')}</p>}
      </Section>
      <Section title={words('staircase')}>
        <Chart name="forecast-steps" option={stepOption} height={280} label={words('staircase')} />
        {partial && <p className="note">{words('totalsPartial')}</p>}
      </Section>
      <Section title={words('forecastPersons')}>
        {forecast.suppressed && forecast.suppressed.withheld > 0 && (
          <p className="note" data-suppressed={forecast.suppressed.withheld}>
            {words('withheldNote', { ...forecast.suppressed })}
          </p>
        )}
        <DataTable
          name="forecast-table"
          title={words('forecastTable')}
          columns={[
            { key: 'group', header: words('benefit') },
            ...years.map((y) => ({ key: String(y), header: String(y), numeric: true, decimals: 0 })),
          ]}
          rows={groups.map((s) => ({
            group: name(s),
            ...Object.fromEntries(
              rowsOf(s).map((r, i) => [
                String(years[i]),
                shownFigure(r?.fullTimePersons, forecast.suppressed),
              ]),
            ),
          }))}
        />
      </Section>
      <Section title={words('assumptions')}>
        <ul className="assumptions">
          {forecast.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </Section>
    </ExportInfoProvider>
  );
}
