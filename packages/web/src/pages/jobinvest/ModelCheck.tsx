/**
 * Modelkontrol: whether to trust the forecast of the municipality chosen. Per benefit group, the
 * Kaplan-Meier curve of the municipality's own spells against the model's survival for those same
 * spells (GET /api/model/diagnostics?municipality=), and a backtest of the municipality (GET
 * /api/backtest): the model estimated on the data up to a week two years before the end, its
 * projection against what happened.
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
  municipality: number;
  dataVersion: number;
  modelVersion: string;
  states: {
    state: string;
    /** null: withheld (fewer spells than the threshold, for a role with suppression). */
    spells: number | null;
    moves: number | null;
    survival: {
      week: number;
      /** Kaplan-Meier of the municipality's own spells; null after its last week at risk, or withheld. */
      observed: number | null;
      lower: number | null;
      upper: number | null;
      atRisk: number | null;
      predicted: number | null;
    }[];
  }[];
  suppressed?: Suppressed;
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

export function ModelCheckPage({ municipality, summary }: { municipality: number; summary: DataSummary }) {
  const words = useWords();
  const language = useLanguage();
  const code = String(municipality).padStart(3, '0');
  const diagnostics = useLoad(`diagnostics-${code}`, (signal) =>
    getJson<Diagnostics>(`/api/model/diagnostics?municipality=${code}`, signal),
  );
  const named = summary.municipalities.find((m) => m.code === municipality)?.name;
  const place = named ? `${named} (${code})` : code;
  const at = summary.window ? toYyyyww(fromYyyyww(summary.window.last) - 104) : null;
  const backtest = useLoad(at === null ? null : `backtest-${code}-${at}`, (signal) =>
    getJson<Backtest>(`/api/backtest?municipality=${code}&at=${at}&horizon=104`, signal),
  );
  return (
    <>
      <h1>{words('modelCheck')}</h1>
      <Status loaded={diagnostics} what={words('diagnosticsComputing')}>
        {(d) => <Survival diagnostics={d} place={place} />}
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

function Survival({ diagnostics, place }: { diagnostics: Diagnostics; place: string }) {
  const words = useWords();
  const name = useStateName();
  const states = diagnostics.states;
  const [state, setState] = useState(
    states.find((s) => s.state === 'kontanthjaelp_forhoejet')?.state ?? states[0]?.state ?? '',
  );
  const chosen = states.find((s) => s.state === state) ?? states[0];
  const withheld = chosen !== undefined && chosen.spells === null;
  const cut =
    chosen !== undefined &&
    diagnostics.suppressed !== undefined &&
    chosen.survival.some((p) => p.observed === null && p.atRisk === null && p.predicted !== null);
  const option = useMemo(() => {
    if (!chosen || withheld) return null;
    // The confidence limits as a band: the lower limit, and the width above it stacked on it.
    const shown = chosen.survival.filter((p) => p.observed !== null);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null ? '–' : formatPercent(v)),
      },
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
          name: words('observedLimits'),
          type: 'line',
          stack: 'limits',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
          data: shown.map((p) => [p.week, p.lower ?? 0]),
        },
        {
          name: words('observedLimits'),
          type: 'line',
          stack: 'limits',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { opacity: 0.2 },
          tooltip: { show: false },
          data: shown.map((p) => [p.week, (p.upper ?? p.observed!) - (p.lower ?? 0)]),
        },
        {
          name: words('observedOwn'),
          type: 'line',
          step: 'end',
          symbol: 'none',
          data: shown.map((p) => [p.week, p.observed]),
        },
        {
          name: words('predictedOwn'),
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: chosen.survival.map((p) => [p.week, p.predicted]),
        },
      ],
    };
  }, [chosen, withheld, words]);
  return (
    <Section
      title={words('survivalTitle', { municipality: place })}
      aside={
        <>
          {chosen && !withheld && (
            <Definition>
              {words('survivalDefinition', {
                municipality: place,
                spells: formatNumber(chosen.spells ?? 0),
                moves: formatNumber(chosen.moves ?? 0),
              })}
            </Definition>
          )}
          <label>
            {words('benefit')}{' '}
            <select value={chosen?.state ?? ''} onChange={(e) => setState(e.target.value)}>
              {states.map((s) => (
                <option key={s.state} value={s.state}>
                  {name(s.state)}
                </option>
              ))}
            </select>
          </label>
        </>
      }
    >
      {states.length === 0 && <p className="note">{words('noSpells')}</p>}
      {withheld && (
        <p className="note" data-suppressed="group">
          {words('survivalWithheld')}
        </p>
      )}
      {option && (
        <div data-municipality={diagnostics.municipality} data-state={chosen?.state}>
          <Chart name="model-survival" option={option} label={words('survivalCurves')} />
        </div>
      )}
      {cut && diagnostics.suppressed && (
        <p className="note">{words('survivalCut', { threshold: diagnostics.suppressed.threshold })}</p>
      )}
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
