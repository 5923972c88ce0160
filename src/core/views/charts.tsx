/**
 * Charts drawn on the server as SVG (no script), each with its data table beside it: the table is
 * the text alternative (screen readers, copying the figures), the picture is `role="img"` with a
 * title and a description. Mirrored for right-to-left pages: in Arabic the labels are on the right
 * and the bars grow leftwards; columns run from right to left. Numbers are formatted by the
 * caller's locale (view.fmt). Reused by results of consultations and by reports.
 */
import type { ComponentChildren } from 'preact';
import { type Column, Table } from './components.js';
import type { ViewContext } from './context.js';

/**
 * A bar or column: its label and its value, a number or a BigInt (money in minor units: the
 * length is then computed by BigInt arithmetic, no float ever holds the amount).
 */
export type ChartDatum<V extends number | bigint = number> = { label: string; value: V };

/** The length of `value` on a scale where `max` is `span` long, to a tenth; 0 for nothing, a negative value or an empty scale. */
export const scaledLength = <V extends number | bigint>(value: V, max: V, span: number): number => {
  if (typeof value === 'bigint' && typeof max === 'bigint') {
    if (max <= 0n || value <= 0n) return 0;
    return Number((value * BigInt(Math.round(span * 10)) + max / 2n) / max) / 10;
  }
  const v = Number(value);
  const m = Number(max);
  return m > 0 && v > 0 ? Math.round((v / m) * span * 10) / 10 : 0;
};

/** The largest value, at least zero (a loop: Math.max takes no BigInt). */
const maxOf = <V extends number | bigint>(data: ChartDatum<V>[]): V => {
  let max = (typeof data[0]?.value === 'bigint' ? 0n : 0) as V;
  for (const d of data) if (d.value > max) max = d.value;
  return max;
};

/** The data table beside a chart: its columns and rows (the caller decides what the figures are). */
export type ChartTable<T> = { columns: Column<T>[]; rows: T[] };

export const CHART_WIDTH = 640;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 120;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const FILL = '#005a9c';
const TEXT = '#1b1b1b';
const AXIS = '#6b6b6b';
const MAX_LABEL_CHARS = 30;

const shortLabel = (label: string) => {
  const chars = [...label];
  return chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : label;
};

/** A chart's picture: an image named by its title and described by its description, `height` units tall. */
const ChartSvg = (props: { class: string; id: string; title: string; description: string; height: number; rtl: boolean; children: ComponentChildren }) => (
  <svg
    class={props.class}
    role="img"
    aria-labelledby={`${props.id}-title ${props.id}-desc`}
    viewBox={`0 0 ${CHART_WIDTH} ${props.height}`}
    width="100%"
    preserveAspectRatio="xMinYMin meet"
    data-direction={props.rtl ? 'rtl' : 'ltr'}
  >
    <title id={`${props.id}-title`}>{props.title}</title>
    <desc id={`${props.id}-desc`}>{props.description}</desc>
    {props.children}
  </svg>
);

/** The picture and its table in one figure; `title` names both. */
const ChartFigure = <T,>({ id, title, svg, table, empty }: { id: string; title: string; svg: ComponentChildren; table: ChartTable<T>; empty: string }) => (
  <figure class="chart" aria-labelledby={`${id}-caption`}>
    <figcaption id={`${id}-caption`}>{title}</figcaption>
    {svg}
    <Table caption={title} columns={table.columns} rows={table.rows} empty={empty} />
  </figure>
);

/** What a chart is given: its figures, the table that shows them, and how a value is written. */
type ChartProps<T, V extends number | bigint> = {
  view: ViewContext;
  id: string;
  title: string;
  /** A sentence saying what the chart shows (its <desc>); the figures themselves are in the table. */
  description: string;
  data: ChartDatum<V>[];
  table: ChartTable<T>;
  /** Said instead of the chart when there is no datum. */
  empty: string;
  format?: (n: V) => string;
};

/**
 * Horizontal bars, one per datum (choices, codes, themes): the label, the bar, the formatted value.
 * Left to right: labels on the left, bars grow rightwards from x = 220; right to left: labels on
 * the right (their `start`, since they inherit the page's direction), bars end at x = 640 − 220 and grow leftwards.
 */
export const BarChart = <T, V extends number | bigint = number>({
  view,
  id,
  title,
  description,
  data,
  table,
  empty,
  format = (n: V) => view.fmt.number(n as number),
}: ChartProps<T, V>) => {
  const rtl = view.dir === 'rtl';
  const max = maxOf(data);
  const span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, data.length) * ROW_HEIGHT + 8;
  const svg =
    data.length === 0 ? null : (
      <ChartSvg class="chart-bars" id={id} title={title} description={description} height={height} rtl={rtl}>
        {/* The texts inherit the page's direction, so `start` is their right edge in Arabic: labels grow leftwards from the right margin, values leftwards from the bar's end. */}
        <line x1={rtl ? CHART_WIDTH - LABEL_WIDTH : LABEL_WIDTH} x2={rtl ? CHART_WIDTH - LABEL_WIDTH : LABEL_WIDTH} y1="0" y2={height - 4} stroke={AXIS} stroke-width="1" />
        {data.map((d, i) => {
          const width = scaledLength(d.value, max, span);
          const y = i * ROW_HEIGHT + 4;
          const middle = y + BAR_HEIGHT / 2 + 4;
          const barX = rtl ? CHART_WIDTH - LABEL_WIDTH - width : LABEL_WIDTH;
          return (
            <g class="chart-row">
              <text x={rtl ? CHART_WIDTH - 4 : 4} y={middle} text-anchor="start" font-size="13" fill={TEXT}>
                {shortLabel(d.label)}
              </text>
              <rect x={barX} y={y} width={width} height={BAR_HEIGHT} fill={FILL} />
              <text x={rtl ? barX - 4 : barX + width + 4} y={middle} text-anchor="start" font-size="13" fill={TEXT}>
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </ChartSvg>
    );
  return <ChartFigure id={id} title={title} svg={svg} table={table} empty={empty} />;
};

/**
 * Vertical columns in the order of their values (a scale's distribution), the value's label under
 * each column. Right to left, the first value is the rightmost column.
 */
export const ColumnChart = <T, V extends number | bigint = number>({
  view,
  id,
  title,
  description,
  data,
  table,
  empty,
  format = (n: V) => view.fmt.number(n as number),
}: ChartProps<T, V>) => {
  const rtl = view.dir === 'rtl';
  const max = maxOf(data);
  const height = 220;
  const base = height - 28;
  const top = 20;
  const margin = 8;
  const slot = (CHART_WIDTH - 2 * margin) / Math.max(1, data.length);
  const width = Math.min(64, slot * 0.7);
  const svg =
    data.length === 0 ? null : (
      <ChartSvg class="chart-columns" id={id} title={title} description={description} height={height} rtl={rtl}>
        <line x1={margin} x2={CHART_WIDTH - margin} y1={base} y2={base} stroke={AXIS} stroke-width="1" />
        {data.map((d, i) => {
          const h = scaledLength(d.value, max, base - top);
          const center = rtl ? CHART_WIDTH - margin - slot * (i + 0.5) : margin + slot * (i + 0.5);
          const x = Math.round((center - width / 2) * 10) / 10;
          return (
            <g class="chart-column">
              <rect x={x} y={base - h} width={width} height={h} fill={FILL} />
              <text x={center} y={base - h - 4} text-anchor="middle" font-size="13" fill={TEXT}>
                {format(d.value)}
              </text>
              <text x={center} y={base + 18} text-anchor="middle" font-size="13" fill={TEXT}>
                {shortLabel(d.label)}
              </text>
            </g>
          );
        })}
      </ChartSvg>
    );
  return <ChartFigure id={id} title={title} svg={svg} table={table} empty={empty} />;
};
