/**
 * Fleksjob-beregner: a person moved from ledighedsydelse, ressourceforløb or the førtidspension track
 * into fleksjob at given hours and wage: the municipality's net cost of each path per year, the
 * difference and the municipality's net present value (positive when it gains, as in the investment
 * calculator), and the wage and hours at which fleksjob costs no more (POST /api/fleksjob,
 * recalculated as the controls change). Fleksjob's gross (subsidy and ATP) is shown with its two
 * parts, the state's refusion and ATP and the municipality's net cost, so the parts add up to it.
 * The start year opens on the budget year, read from the browser's clock.
 */

import { useEffect, useMemo, useState } from 'react';
import { budgetYear } from '@jobinvest/core';
import { postJson } from '../../api.ts';
import { Chart } from '../../ui/Chart.tsx';
import { Notices } from '../../ui/Notices.tsx';
import { formatKr, formatMillions, formatNumber } from '../../format.ts';
import { useStateName } from '../../catalogue.tsx';
import { useLanguage, useWords } from '../../i18n.tsx';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { Section, Tile } from '../../ui/page-parts.tsx';

interface FleksjobInput {
  alternative: 'ledighedsydelse' | 'ressourceforloeb' | 'foertidspension';
  startYear: number;
  horizonYears: number;
  staircaseWeeks: number;
  hours: number;
  monthlyWage: number;
  discountRate: number;
}

interface PathYear {
  /** Public expenditure before refusion; for fleksjob the subsidy and the ATP contribution. */
  gross: number;
  /** The state's part: refusion, and for fleksjob the ATP contribution. */
  state: number;
  /** The municipality's net cost: gross minus the state's part. */
  municipal: number;
}

interface FleksjobAnswer {
  years: {
    year: number;
    fleksjob: PathYear & { subsidy: number; atp: number };
    alternative: PathYear;
    difference: number;
  }[];
  totals: { fleksjob: PathYear; alternative: PathYear; difference: number; npv: number };
  breakEven: {
    wage: { monthlyWage: number | null; reason: string };
    hours: { hours: number | null; reason: string };
  };
  assumptions: string[];
  notices: string[];
}

/** The paths without fleksjob, each a benefit of the catalogue (named from it). */
const ALTERNATIVES: FleksjobInput['alternative'][] = [
  'ledighedsydelse',
  'ressourceforloeb',
  'foertidspension',
];

export function FleksjobPage() {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const [input, setInput] = useState<FleksjobInput>({
    alternative: 'ressourceforloeb',
    startYear: budgetYear(new Date()),
    horizonYears: 5,
    staircaseWeeks: 53,
    hours: 15,
    monthlyWage: 14000,
    discountRate: 0.035,
  });
  const [answer, setAnswer] = useState<
    { state: 'computing' } | { state: 'error'; message: string } | { state: 'done'; value: FleksjobAnswer }
  >({ state: 'computing' });
  const key = JSON.stringify([language, input]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      postJson<FleksjobAnswer>('/api/fleksjob', input, controller.signal).then(
        (value) => setAnswer({ state: 'done', value }),
        (error: unknown) =>
          controller.signal.aborted ||
          setAnswer({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    }, 100);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The language and the input say when to ask again (the answer's texts are in the language asked for).
  }, [key]);
  const set = (patch: Partial<FleksjobInput>) => setInput({ ...input, ...patch });
  const value = answer.state === 'done' ? answer.value : null;
  const option = useMemo(
    () =>
      value && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatKr(v) },
        legend: { bottom: 0 },
        grid: { left: 80, right: 20, top: 20, bottom: 50 },
        xAxis: { type: 'category', data: value.years.map((y) => String(y.year)) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMillions(v, 2) } },
        series: [
          { name: words('flexJob'), type: 'bar', data: value.years.map((y) => y.fleksjob.municipal) },
          {
            name: name(input.alternative),
            type: 'bar',
            data: value.years.map((y) => y.alternative.municipal),
          },
        ],
      },
    [value, input.alternative, words, name],
  );
  return (
    <>
      <h1>{words('fleksjob')}</h1>
      <div className="calculator">
        <form className="case-form" onSubmit={(e) => e.preventDefault()} aria-label={words('fleksjob')}>
          <label className="field">
            <span>{words('fleksjobAlternative')}</span>
            <select
              name="alternative"
              value={input.alternative}
              onChange={(e) => set({ alternative: e.target.value as FleksjobInput['alternative'] })}
            >
              {ALTERNATIVES.map((code) => (
                <option key={code} value={code}>
                  {name(code)}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            name="hours"
            label={words('fleksjobHours')}
            value={input.hours}
            min={1}
            max={37}
            onChange={(v) => set({ hours: v })}
          />
          <NumberField
            name="monthlyWage"
            label={words('fleksjobWage')}
            value={input.monthlyWage}
            min={1}
            max={200000}
            onChange={(v) => set({ monthlyWage: v })}
          />
          <NumberField
            name="startYear"
            label={words('startYear')}
            value={input.startYear}
            min={2016}
            max={2100}
            onChange={(v) => set({ startYear: v })}
          />
          <NumberField
            name="horizonYears"
            label={words('years')}
            value={input.horizonYears}
            min={1}
            max={50}
            onChange={(v) => set({ horizonYears: v })}
          />
          <NumberField
            name="staircaseWeeks"
            label={words('staircaseWeeksAtStart')}
            value={input.staircaseWeeks}
            min={0}
            max={5000}
            onChange={(v) => set({ staircaseWeeks: v })}
          />
          <NumberField
            name="discountRate"
            label={words('discountRate')}
            value={Math.round(input.discountRate * 1000) / 10}
            min={0}
            max={20}
            onChange={(v) => set({ discountRate: v / 100 })}
          />
        </form>
        <div className="results" aria-live="polite">
          {answer.state === 'error' && (
            <p className="status error" role="alert">
              {words('error')}: {answer.message}
            </p>
          )}
          {answer.state === 'computing' && <p className="status computing">{words('computing')}</p>}
          {value && option && (
            <ExportInfoProvider
              info={{ title: words('fleksjobTitle'), assumptions: value.assumptions, notices: value.notices }}
            >
              <Notices notices={value.notices} />
              <div className="tiles">
                <Tile
                  label={words('fleksjobNpv', { alternative: name(input.alternative).toLowerCase() })}
                  value={formatKr(value.totals.npv)}
                  testId="fleksjob-npv"
                />
                <Tile
                  label={words('breakEvenWage')}
                  value={
                    value.breakEven.wage.monthlyWage === null
                      ? '–'
                      : formatKr(value.breakEven.wage.monthlyWage)
                  }
                  testId="fleksjob-wage"
                />
                <Tile
                  label={words('breakEvenHours')}
                  value={
                    value.breakEven.hours.hours === null ? '–' : formatNumber(value.breakEven.hours.hours, 1)
                  }
                />
              </div>
              <p className="lead" data-fleksjob-lead>
                {value.breakEven.wage.reason}
              </p>
              <Section title={words('municipalNetByYear')}>
                <Chart
                  name="fleksjob-years"
                  option={option}
                  height={260}
                  label={words('municipalNetByYear')}
                />
                <DataTable
                  name="fleksjob-years"
                  title={words('fleksjobByYear')}
                  columns={[
                    { key: 'year', header: words('year') },
                    { key: 'gross', header: words('fleksjobGross'), numeric: true, unit: 'kr.' },
                    { key: 'state', header: words('fleksjobState'), numeric: true, unit: 'kr.' },
                    { key: 'municipal', header: words('fleksjobMunicipal'), numeric: true, unit: 'kr.' },
                    {
                      key: 'alternative',
                      header: words('alternativeMunicipal', { alternative: name(input.alternative) }),
                      numeric: true,
                      unit: 'kr.',
                    },
                    { key: 'difference', header: words('fleksjobDifference'), numeric: true, unit: 'kr.' },
                  ]}
                  rows={value.years.map((y) => ({
                    year: String(y.year),
                    gross: y.fleksjob.gross,
                    state: y.fleksjob.state,
                    municipal: y.fleksjob.municipal,
                    alternative: y.alternative.municipal,
                    difference: y.difference,
                  }))}
                />
                <p className="note">{words('fleksjobPartsNote')}</p>
              </Section>
              <Section title={words('assumptions')}>
                <ul className="assumptions">
                  {value.assumptions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </Section>
            </ExportInfoProvider>
          )}
        </div>
      </div>
    </>
  );
}
