/**
 * The investment case's charts as ECharts options, built from the API's result alone: the page draws
 * them in the browser and the PDF report draws the same options as SVG on the server.
 */

import type { CaseResult } from '../../api.ts';
import { formatKr, formatMillions, formatNumber } from '../../format.ts';

/** The series colours, here too so that the report draws these options in the screen's colours. */
export { PALETTE } from '../../ui/palette.ts';

export interface CaseChartLabels {
  readonly without: string;
  readonly with: string;
  readonly cumulative: string;
  readonly paybackPoint: string;
  readonly breakEven: string;
  readonly chosenEffect: string;
  /** The name of the axis of weeks since the start. */
  readonly weeks: string;
  /** Before the number of the payback week ("uge 130"). */
  readonly week: string;
}

export const DANISH_CASE_LABELS: CaseChartLabels = {
  without: 'Uden indsats',
  with: 'Med indsats',
  cumulative: 'Akkumuleret nettogevinst',
  paybackPoint: 'tilbagebetalt',
  breakEven: 'Break-even-effekt',
  chosenEffect: 'valgt effekt',
  weeks: 'uger',
  week: 'uge',
};

/** What the charts read of a case's result (the API's, or the server's own before it is sent). */
interface Result {
  readonly years: readonly Pick<CaseResult['years'][number], 'year' | 'without' | 'with'>[];
  readonly cumulativeNet: readonly number[];
  readonly paybackWeek: number | null;
  readonly breakEvenEffect: number | null;
  readonly hazardRatio: number;
}

/** Municipal net expenditure per year, with and without. */
export function yearsOption(result: Result, labels: CaseChartLabels) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatKr(v) },
    legend: { bottom: 0 },
    grid: { left: 95, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: result.years.map((y) => String(y.year)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMillions(v) } },
    series: [
      { name: labels.without, type: 'bar', data: result.years.map((y) => y.without) },
      { name: labels.with, type: 'bar', data: result.years.map((y) => y.with) },
    ],
  };
}

/** Cumulative net saving week by week, with the payback week marked. */
export function cumulativeOption(result: Result, labels: CaseChartLabels) {
  const weeks = result.cumulativeNet.map((_, u) => u);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatKr(v) },
    grid: { left: 90, right: 30, top: 30, bottom: 40 },
    xAxis: {
      type: 'category',
      data: weeks,
      name: labels.weeks,
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { interval: 51 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMillions(v) } },
    series: [
      {
        name: labels.cumulative,
        type: 'line',
        symbol: 'none',
        data: result.cumulativeNet,
        areaStyle: { opacity: 0.12 },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [
            { yAxis: 0, lineStyle: { color: '#475569' }, label: { show: false } },
            ...(result.paybackWeek === null
              ? []
              : [
                  {
                    xAxis: result.paybackWeek,
                    lineStyle: { color: '#15803d', type: 'dashed' },
                    label: {
                      formatter: `${labels.paybackPoint}: ${labels.week} ${result.paybackWeek}`,
                      color: '#15803d',
                    },
                  },
                ]),
          ],
        },
      },
    ],
  };
}

/** The decimals a tick needs, at most 3: 1 → 0, 1.2 → 1, 0.25 → 2. */
function decimalsOf(v: number): number {
  for (let d = 0; d < 3; d++) if (Math.abs(v * 10 ** d - Math.round(v * 10 ** d)) < 1e-9) return d;
  return 3;
}

/** The break-even effect against the chosen one. */
export function effectOption(result: Result, labels: CaseChartLabels) {
  return {
    grid: { left: 140, right: 40, top: 10, bottom: 30 },
    xAxis: {
      type: 'value',
      min: 0.8,
      max: Math.max(2, (result.breakEvenEffect ?? 1) * 1.2, result.hazardRatio * 1.2),
      // Danish decimals on the axis too: 1,2 not 1.2.
      axisLabel: { formatter: (v: number) => formatNumber(v, decimalsOf(v)) },
    },
    yAxis: { type: 'category', data: [labels.breakEven, labels.chosenEffect] },
    series: [
      {
        type: 'bar',
        data: [
          { value: result.breakEvenEffect ?? 0, itemStyle: { color: '#c2410c' } },
          { value: result.hazardRatio, itemStyle: { color: '#1f5fa8' } },
        ],
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => formatNumber(p.value, 3),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ xAxis: 1 }],
          lineStyle: { color: '#475569', type: 'dashed' },
        },
      },
    ],
  };
}
