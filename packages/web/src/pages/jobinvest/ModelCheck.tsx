/**
 * Modelkontrol: whether to trust the forecast. Observed against predicted survival per benefit group
 * (GET /api/model/diagnostics) and a backtest of the municipality (GET /api/backtest): the model
 * estimated on the data up to a week two years before the end, its projection against what happened.
 */

import { useMemo, useState } from 'react';
import { getJson, type DataSummary, type Suppressed } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { formatNumber, formatPercent, formatYyyyww } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { DataTable } from '../../ui/Table.tsx';
import { shownFigure } from '../../ui/withheld.ts';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';
import { fromYyyyww, toYyyyww } from '@jobinvest/core';

interface Diagnostics {
  dataVersion: number;
  modelVersion: string;
  states: {
    state: string;
    survival: { week: number; observed: number; predicted: number }[];
  }[];
}

interface Backtest {
  at: number;
  horizonWeeks: number;
  groups: {
    state: string;
    /** null: withheld (the group's stock rests on fewer persons than the threshold). */
    predicted52: number | null;
    actual52: number | null;
    error52: number | null;
    predicted104: number | null;
    actual104: number | null;
    error104: number | null;
  }[];
  suppressed?: Suppressed;
}

export function ModelCheckPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const language = useLanguage();
  const diagnostics = useLoad('diagnostics', (signal) =>
    getJson<Diagnostics>('/api/model/diagnostics', signal),
  );
  const summary = useLoad('summary', (signal) => getJson<DataSummary>('/api/data/summary', signal));
  const code = String(municipality).padStart(3, '0');
  const at =
    summary.state === 'done' && summary.value.window
      ? toYyyyww(fromYyyyww(summary.value.window.last) - 104)
      : null;
  const backtest = useLoad(at === null ? null : `backtest-${code}-${at}`, (signal) =>
    getJson<Backtest>(`/api/backtest?municipality=${code}&at=${at}&horizon=104`, signal),
  );
  return (
    <>
      <h1>{words('modelCheck')}</h1>
      <Status loaded={diagnostics} what={words('diagnosticsComputing')}>
        {(d) => <Survival diagnostics={d} />}
      </Status>
      <Status
        loaded={backtest}
        what={words('backtestComputing', { week: at === null ? '' : formatYyyyww(at, language) })}
      >
        {(b) => <BacktestView backtest={b} />}
      </Status>
    </>
  );
}

function Survival({ diagnostics }: { diagnostics: Diagnostics }) {
  const words = useWords();
  const name = useStateName();
  const states = diagnostics.states.filter((s) => s.survival.length > 0);
  const [state, setState] = useState(
    states.find((s) => s.state === 'kontanthjaelp_forhoejet')?.state ?? states[0]?.state ?? '',
  );
  const chosen = states.find((s) => s.state === state);
  const option = useMemo(
    () =>
      chosen && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
        legend: { bottom: 0 },
        grid: { left: 60, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'value', name: words('weeksInSpell'), nameLocation: 'middle', nameGap: 26, max: 156 },
        yAxis: {
          type: 'value',
          min: 0,
          max: 1,
          axisLabel: { formatter: (v: number) => formatPercent(v, 0) },
        },
        series: [
          {
            name: words('observed'),
            type: 'line',
            symbol: 'none',
            data: chosen.survival.map((p) => [p.week, p.observed]),
          },
          {
            name: words('predictedByModel'),
            type: 'line',
            symbol: 'none',
            lineStyle: { type: 'dashed' },
            data: chosen.survival.map((p) => [p.week, p.predicted]),
          },
        ],
      },
    [chosen, words],
  );
  return (
    <Section
      title={words('survivalTitle')}
      aside={
        <label>
          {words('benefit')}{' '}
          <select value={state} onChange={(e) => setState(e.target.value)}>
            {states.map((s) => (
              <option key={s.state} value={s.state}>
                {name(s.state)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {option && <Chart name="model-survival" option={option} label={words('survivalCurves')} />}
      <p className="lead">
        {words('modelVersions', { model: diagnostics.modelVersion, data: diagnostics.dataVersion })}
      </p>
    </Section>
  );
}

function BacktestView({ backtest }: { backtest: Backtest }) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  return (
    <Section
      title={words('backtestTitle', { week: formatYyyyww(backtest.at, language) })}
      aside={<Definition>{words('backtestDefinition')}</Definition>}
    >
      <DataTable
        name="backtest"
        title={words('backtest')}
        columns={[
          { key: 'group', header: words('benefit') },
          { key: 'predicted52', header: words('predictedAfter', { weeks: 52 }), numeric: true, decimals: 0 },
          { key: 'actual52', header: words('actualAfter', { weeks: 52 }), numeric: true, decimals: 0 },
          { key: 'error52', header: words('errorAfter', { weeks: 52 }), numeric: true, decimals: 1 },
          { key: 'error104', header: words('errorAfter', { weeks: 104 }), numeric: true, decimals: 1 },
        ]}
        rows={backtest.groups.map((g) => ({
          group: name(g.state),
          predicted52: shownFigure(g.predicted52, backtest.suppressed),
          actual52: shownFigure(g.actual52, backtest.suppressed),
          error52: g.error52 === null ? null : g.error52 * 100,
          error104: g.error104 === null ? null : g.error104 * 100,
        }))}
      />
      <p className="lead">{words('benefitGroups', { groups: formatNumber(backtest.groups.length) })}</p>
    </Section>
  );
}
