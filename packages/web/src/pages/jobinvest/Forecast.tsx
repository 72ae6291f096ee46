/**
 * Prognose: the forecast per benefit group, expenditure gross and municipal net, how much of the
 * municipal expenditure sits on each step of the refusion staircase, and kroner by group and year.
 *
 * The server answers at once with the expected values and computes the 80/95 % bands from 200
 * microsimulations in the background (usually before anyone asks): while they are under way the
 * page says so and asks again, waiting on the server for them, and shows them when they come.
 */

import { rateTableName } from '@jobinvest/core';
import { useMemo, useState } from 'react';
import { type Forecast, type ForecastRow, type ForecastTotal } from '../../api.ts';
import { groupKind, useCatalogue, useStateName } from '../../catalogue.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { Notices } from '../../ui/Notices.tsx';
import { formatNumber, formatPercent, formatTick, formatYyyyww, krAxis } from '../../format.ts';
import { useBandsWhenReady, type Loaded } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { shownFigure, shownTotal } from '../../ui/withheld.ts';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';

export function ForecastPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const code = String(municipality).padStart(3, '0');
  const loaded = useForecast(`/api/forecast?municipality=${code}&horizon=260`);
  return (
    <Status loaded={loaded} what={words('forecastComputing')}>
      {(forecast) => <ForecastView forecast={forecast} />}
    </Status>
  );
}

/** The forecast at `path`, with its bands once they are computed; where asking for them fails, the expected values and why. */
function useForecast(path: string): Loaded<Forecast> {
  return useBandsWhenReady<Forecast>(
    path,
    (f) => f.bands === 'pending',
    (first, error) => ({
      ...first,
      bands: 'failed',
      bandsError: error instanceof Error ? error.message : String(error),
    }),
  );
}

/** An 80 % and a 95 % band and the mean line, as ECharts series (bands as stacked areas). */
export function bandSeries(
  name: string,
  /** null: no point there (the observed months before a forecast). */
  mean: (number | null)[],
  band80: (readonly [number, number] | null)[],
  band95: (readonly [number, number] | null)[],
  words: { band80: string; band95: string },
) {
  const lower = (b: (readonly [number, number] | null)[]) => b.map((x, i) => x?.[0] ?? mean[i] ?? null);
  const width = (b: (readonly [number, number] | null)[]) =>
    b.map((x, i) => (x ? x[1] - x[0] : mean[i] === null ? null : 0));
  const band = (label: string, b: (readonly [number, number] | null)[], opacity: number) => [
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
  const years = [...new Set(forecast.years.map((r) => r.year))];
  const firstYear = years[0];
  const bySize = (a: string, b: string) =>
    (forecast.years.find((r) => r.state === b && r.year === firstYear)?.fullTimePersons ?? 0) -
    (forecast.years.find((r) => r.state === a && r.year === firstYear)?.fullTimePersons ?? 0);
  const states = useMemo(() => [...new Set(forecast.years.map((r) => r.state))], [forecast]);
  // Public income support, largest first; then the subsidised employment the municipality pays
  // for (fleksjob), which is not public support and so stays out of its total.
  const supportGroups = useMemo(
    () => states.filter((s) => groupKind(catalogue.get(s)) === 'support').sort(bySize),
    [states, catalogue],
  );
  const subsidisedGroups = useMemo(
    () => states.filter((s) => groupKind(catalogue.get(s)) === 'subsidised').sort(bySize),
    [states, catalogue],
  );
  const groups = [...supportGroups, ...subsidisedGroups];
  const [group, setGroup] = useState(groups[0] ?? '');
  const [moneyYear, setMoneyYear] = useState(firstYear ?? 0);
  const rowOf = (state: string, year: number) =>
    forecast.years.find((r) => r.state === state && r.year === year);
  const rowsOf = (state: string) => years.map((y) => rowOf(state, y));
  const picked = rowsOf(group);
  const bandsReady = forecast.bands === 'ready';
  const bandWords = { band80: words('band80'), band95: words('band95') };
  const personsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, 1) },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatTick } },
      series: bandsReady
        ? bandSeries(
            name(group),
            picked.map((r) => r?.fullTimePersons ?? 0),
            picked.map((r) => r?.fullTimePersonsInterval80 ?? null),
            picked.map((r) => r?.fullTimePersonsInterval95 ?? null),
            bandWords,
          )
        : [
            {
              name: name(group),
              type: 'line',
              data: picked.map((r) => r?.fullTimePersons ?? 0),
              symbolSize: 6,
              lineStyle: { width: 2 },
            },
          ],
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
  const personsRow = (s: string) => ({
    group: name(s),
    ...Object.fromEntries(
      rowsOf(s).map((r, i) => [String(years[i]), shownFigure(r?.fullTimePersons, forecast.suppressed)]),
    ),
  });
  // A small municipality's groups hold a person or two: a decimal says 0,4 where 0 would hide it.
  const personDecimals =
    Math.max(0, ...groups.flatMap((s) => rowsOf(s).map((r) => r?.fullTimePersons ?? 0))) < 100 ? 1 : 0;
  const personsRows = [
    ...supportGroups.map(personsRow),
    {
      group: words('publicSupport'),
      ...Object.fromEntries(
        years.map((y) => [String(y), shownTotal(supportGroups.map((s) => rowOf(s, y)?.fullTimePersons))]),
      ),
    },
    ...subsidisedGroups.map(personsRow),
  ];
  // A group without a row in the year has nobody in it (0); a withheld figure is null ("<5").
  const figureOf = (s: string, pick: (r: ForecastRow) => number | null) => {
    const r = rowOf(s, moneyYear);
    return r ? pick(r) : 0;
  };
  const moneyRows = groups.map((s) => ({
    group: name(s),
    fullTimePersons: shownFigure(
      figureOf(s, (r) => r.fullTimePersons),
      forecast.suppressed,
    ),
    gross: shownFigure(
      figureOf(s, (r) => r.gross),
      forecast.suppressed,
    ),
    stateRefusion: shownFigure(
      figureOf(s, (r) => r.stateRefusion),
      forecast.suppressed,
    ),
    cofinancing: shownFigure(
      figureOf(s, (r) => r.cofinancing),
      forecast.suppressed,
    ),
    municipalNet: shownFigure(
      figureOf(s, (r) => r.municipalNet),
      forecast.suppressed,
    ),
    rateYear: rowOf(s, moneyYear)?.rateYear?.toString() ?? null,
  }));
  // The year's sums over every group, as the charts above; where those are withheld, "≥" the sum
  // of the groups shown.
  const yearTotal = forecast.totals.find((t) => t.year === moneyYear);
  const sumOf = (pick: (r: ForecastRow | ForecastTotal) => number | null) =>
    (yearTotal ? pick(yearTotal) : null) ?? shownTotal(groups.map((s) => figureOf(s, pick)));
  moneyRows.push({
    group: words('allGroups'),
    fullTimePersons: null,
    gross: sumOf((r) => r.gross),
    stateRefusion: sumOf((r) => r.stateRefusion),
    cofinancing: sumOf((r) => r.cofinancing),
    municipalNet: sumOf((r) => r.municipalNet),
    rateYear: null,
  });
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
      {forecast.bands === 'pending' && (
        <p className="note" role="status" aria-live="polite" data-bands="pending">
          {words('bandsPending', { replications: forecast.replications })}
        </p>
      )}
      {forecast.bands === 'failed' && (
        <p className="note" role="alert" data-bands="failed">
          {words('bandsFailed', { error: forecast.bandsError ?? '' })}
        </p>
      )}
      <Section
        title={words('forecastPersonsByGroup')}
        aside={
          <>
            {bandsReady && (
              <Definition>{words('bandsDefinition', { replications: forecast.replications })}</Definition>
            )}
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
          </>
        }
      >
        <div data-bands={forecast.bands}>
          <Chart name="forecast-persons" option={personsOption} label={words('forecastPersons')} />
        </div>
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
      <Section title={words('forecastPersonsByGroup')}>
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
            ...years.map((y) => ({
              key: String(y),
              header: String(y),
              numeric: true,
              decimals: personDecimals,
            })),
          ]}
          rows={personsRows}
        />
        {subsidisedGroups.length > 0 && <p className="note">{words('wageSubsidisedNote')}</p>}
      </Section>
      <Section
        title={words('expenditureByGroup')}
        aside={
          <>
            <Definition>{words('expenditureDefinition')}</Definition>
            <label>
              {words('year')}{' '}
              <select
                name="moneyYear"
                value={moneyYear}
                onChange={(e) => setMoneyYear(Number(e.target.value))}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          </>
        }
      >
        <p className="note" data-price-year={moneyYear}>
          {words('expenditurePrices', {
            year: moneyYear,
            rates: rateTableName(forecast.ratesVersion, language),
          })}
        </p>
        <DataTable
          name="forecast-money-table"
          title={words('expenditureTable', { year: moneyYear })}
          columns={[
            { key: 'group', header: words('benefit') },
            {
              key: 'fullTimePersons',
              header: words('fullTimePersons'),
              numeric: true,
              decimals: personDecimals,
            },
            { key: 'gross', header: words('grossKr'), numeric: true, decimals: 0 },
            { key: 'stateRefusion', header: words('stateRefusion'), numeric: true, decimals: 0 },
            { key: 'cofinancing', header: words('cofinancing'), numeric: true, decimals: 0 },
            { key: 'municipalNet', header: words('municipalNetKr'), numeric: true, decimals: 0 },
            { key: 'rateYear', header: words('rateYear'), numeric: true },
          ]}
          rows={moneyRows}
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
