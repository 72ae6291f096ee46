/**
 * A radar chart of a citizen's indicators, drawn as SVG by hand: one axis per indicator around the
 * circle (the first at the top, clockwise), the scale 1 at the centre's first ring to 5 at the rim,
 * one polygon per measurement. The emphasised measurement (the latest) is drawn last, thick and
 * filled; the others thin and dashed so that the latest reads first. An unanswered item leaves a
 * gap: the polygon joins only the answered axes, and the axis shows no point.
 *
 * ECharts has a radar series, but its labels and legend are not reachable by keyboard or screen
 * reader in the SVG renderer, and the page needs the polygons' points as data for its tests; the
 * figures themselves are in the change table beside the chart.
 */

import { PALETTE } from '../../ui/palette.ts';

export interface RadarSeries {
  /** The legend's text: the day measured. */
  readonly name: string;
  /** One value per axis, 1-5, null where unanswered. */
  readonly values: readonly (number | null)[];
  readonly emphasised?: boolean;
}

/** The drawing's box: wider than high, so that the labels left and right of the circle fit. */
const WIDTH = 640;
const HEIGHT = 470;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 160;
const MIN = 1;
const MAX = 5;

/** The point of `value` on axis `i` of `n`: scale 1 at 1/5 of the radius, so that a 1 is not the centre. */
export function radarPoint(i: number, n: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (RADIUS * value) / MAX;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)];
}

const fixed = (v: number) => Math.round(v * 10) / 10;

/** The axis label's anchor: left of the circle ends, right of it starts, top and bottom centred. */
function anchorOf(x: number): 'start' | 'middle' | 'end' {
  if (x > CX + 10) return 'start';
  if (x < CX - 10) return 'end';
  return 'middle';
}

/** A label broken into lines of at most ~20 characters, so that long indicator names fit. */
function lines(label: string): string[] {
  const out: string[] = [];
  for (const word of label.split(' ')) {
    const last = out.at(-1);
    if (last !== undefined && last.length + word.length < 20) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

export function RadarChart({
  axes,
  series,
  label,
  name,
}: {
  axes: readonly string[];
  series: readonly RadarSeries[];
  /** What the chart shows, for screen readers. */
  label: string;
  /** data-radar, for tests. */
  name: string;
}) {
  const n = axes.length;
  const ordered = [...series.map((s, i) => ({ s, colour: PALETTE[i % PALETTE.length]! }))].sort(
    (a, b) => Number(a.s.emphasised === true) - Number(b.s.emphasised === true),
  );
  return (
    <figure className="radar" data-radar={name}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        width="100%"
        style={{ maxWidth: WIDTH }}
      >
        {[1, 2, 3, 4, 5].map((ring) => (
          <polygon
            key={ring}
            points={axes.map((_, i) => radarPoint(i, n, ring).map(fixed).join(',')).join(' ')}
            fill="none"
            stroke={ring === MAX ? '#94a3b8' : '#e2e8f0'}
            strokeWidth={1}
          />
        ))}
        {axes.map((axis, i) => {
          const [x, y] = radarPoint(i, n, MAX);
          const [lx, ly] = radarPoint(i, n, MAX + 0.45);
          const anchor = anchorOf(lx);
          const text = lines(axis);
          return (
            <g key={axis}>
              <line x1={CX} y1={CY} x2={fixed(x)} y2={fixed(y)} stroke="#cbd5e1" strokeWidth={1} />
              <text
                x={fixed(lx)}
                y={fixed(ly - ((text.length - 1) * 13) / 2)}
                textAnchor={anchor}
                dominantBaseline="middle"
                fontSize={12}
                fill="#1f2937"
              >
                {text.map((t, j) => (
                  <tspan key={j} x={fixed(lx)} dy={j === 0 ? 0 : 13}>
                    {t}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
        {[MIN, 3, MAX].map((v) => {
          const [x, y] = radarPoint(0, n, v);
          return (
            <text key={v} x={fixed(x + 4)} y={fixed(y + 4)} fontSize={10} fill="#475569">
              {v}
            </text>
          );
        })}
        {ordered.map(({ s, colour }) => {
          const points = s.values
            .map((v, i) => (v === null ? null : radarPoint(i, n, v)))
            .filter((p): p is [number, number] => p !== null);
          return (
            <g key={s.name} data-series={s.name} data-emphasised={s.emphasised ? '' : undefined}>
              <polygon
                points={points.map((p) => p.map(fixed).join(',')).join(' ')}
                fill={s.emphasised ? colour : 'none'}
                fillOpacity={s.emphasised ? 0.18 : 0}
                stroke={colour}
                strokeWidth={s.emphasised ? 3 : 1.5}
                strokeDasharray={s.emphasised ? undefined : '5 3'}
                data-values={s.values.map((v) => v ?? '').join(',')}
              />
              {points.map(([x, y], i) => (
                <circle key={i} cx={fixed(x)} cy={fixed(y)} r={s.emphasised ? 4 : 2.5} fill={colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="radar-legend">
          {series.map((s, i) => (
            <li key={s.name} className={s.emphasised ? 'emphasised' : undefined}>
              <svg width="28" height="10" aria-hidden="true">
                <line
                  x1="0"
                  y1="5"
                  x2="28"
                  y2="5"
                  stroke={PALETTE[i % PALETTE.length]}
                  strokeWidth={s.emphasised ? 3 : 1.5}
                  strokeDasharray={s.emphasised ? undefined : '5 3'}
                />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
