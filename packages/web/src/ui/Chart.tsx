/**
 * An Apache ECharts chart in a React component, drawn as SVG (the renderer the PDF report uses too).
 * The option replaces the previous one on every change; the chart fits its box. Each render that
 * follows a change of option marks `chart-updated:<name>` for the performance measurements.
 */

import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { PALETTE } from './palette.ts';

echarts.use([
  LineChart,
  BarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  SVGRenderer,
]);

export function Chart({
  option,
  name,
  height = 320,
  label,
}: {
  option: EChartsCoreOption;
  name: string;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption({ color: PALETTE, animation: false, ...option }, { notMerge: true });
    performance.mark(`chart-updated:${name}`);
  }, [option, name]);
  return (
    <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} data-chart={name} />
  );
}
