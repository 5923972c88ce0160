/**
 * Charts drawn on the server in HTML (no script), each with its data table beside it: the table is
 * the text alternative (screen readers, copying the figures), the chart is `role="img"` named by
 * its caption and described by a sentence. Labels and values are HTML text at the page's own size
 * (never below 12 CSS pixels, on a 320-pixel phone too) and wrap onto several lines in any script;
 * only the bars are drawn, as SVG rectangles, so nothing is cut at a character count or shrunk with
 * the picture. The grid follows the page's direction: in Arabic the labels are on the right and the
 * bars grow leftwards; columns run from right to left. Numbers are formatted by the caller's locale
 * (view.fmt). Used by the Stocktaking statistics, the results of consultations and the Trust Fund;
 * a report's chart, which must also become a PNG, is its own SVG (modules/reports/output/chart.tsx).
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

/** A bar's share of its track, in hundredths: a value above nothing keeps a sliver (half a hundredth) so that it is seen. */
const shareOf = <V extends number | bigint>(value: V, max: V): number => {
  const share = scaledLength(value, max, 100);
  return share === 0 && Number(value) > 0 ? 0.5 : share;
};

const FILL = '#005a9c';

/** The data table beside a chart: its columns and rows (the caller decides what the figures are). */
export type ChartTable<T> = { columns: Column<T>[]; rows: T[] };

/** What a chart is given: its figures, the table that shows them, and how a value is written. */
type ChartProps<T, V extends number | bigint> = {
  view: ViewContext;
  id: string;
  title: string;
  /** A sentence saying what the chart shows (its description); the figures themselves are in the table. */
  description: string;
  data: ChartDatum<V>[];
  table: ChartTable<T>;
  /** Said instead of the chart when there is no datum. */
  empty: string;
  format?: (n: V) => string;
  /** The title as a heading of this level inside the caption, where the chart is a section of its page. */
  heading?: 2 | 3;
};

/**
 * The chart and its table in one figure, `title` naming both: a table of two columns stands beside
 * the chart on a wide screen, a wider one under it (beside, it would scroll). The
 * chart is an image named by the caption and described by `description` (a hidden paragraph that
 * screen readers read as the image's description, once; the table says the same to everyone).
 */
const ChartFigure = <T,>({
  id,
  title,
  description,
  heading,
  chart,
  table,
  empty,
}: {
  id: string;
  title: string;
  description: string;
  heading?: 2 | 3;
  chart: ComponentChildren;
  table: ChartTable<T>;
  empty: string;
}) => {
  const Heading = heading === 2 ? 'h2' : heading === 3 ? 'h3' : null;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{Heading ? <Heading>{title}</Heading> : title}</figcaption>
      <div class={table.columns.length <= 2 ? 'chart-with-table beside' : 'chart-with-table'}>
        {chart && (
          <div>
            <p id={`${id}-desc`} hidden>
              {description}
            </p>
            {chart}
          </div>
        )}
        <Table caption={title} columns={table.columns} rows={table.rows} empty={empty} />
      </div>
    </figure>
  );
};

/**
 * Horizontal bars, one per datum (choices, codes, themes, donors): the label, the bar, the formatted
 * value, in a grid that follows the page's direction. A label is user text or a name: isolated
 * (<bdi>), whatever its direction.
 */
export const BarChart = <T, V extends number | bigint = number>({
  view,
  id,
  title,
  description,
  data,
  table,
  empty,
  heading,
  format = (n: V) => view.fmt.number(n as number),
}: ChartProps<T, V>) => {
  const rtl = view.dir === 'rtl';
  const max = maxOf(data);
  const chart =
    data.length === 0 ? null : (
      <div class="bar-chart" role="img" aria-labelledby={`${id}-caption`} aria-describedby={`${id}-desc`}>
        {data.map((d) => {
          const share = shareOf(d.value, max);
          return (
            <div class="bar-row">
              <span class="bar-label">
                <bdi>{d.label}</bdi>
              </span>
              <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x={rtl ? Math.round((100 - share) * 10) / 10 : 0} y="0" width={share} height="10" fill={FILL} />
              </svg>
              <span class="bar-value">{format(d.value)}</span>
            </div>
          );
        })}
      </div>
    );
  return <ChartFigure id={id} title={title} description={description} heading={heading} chart={chart} table={table} empty={empty} />;
};

/**
 * Vertical columns in the order of their values (a scale's distribution): each column's value above
 * it, its label under it. The columns share the width and run in the page's direction (right to
 * left, the first value is the rightmost column).
 */
export const ColumnChart = <T, V extends number | bigint = number>({
  view,
  id,
  title,
  description,
  data,
  table,
  empty,
  heading,
  format = (n: V) => view.fmt.number(n as number),
}: ChartProps<T, V>) => {
  const max = maxOf(data);
  const chart =
    data.length === 0 ? null : (
      <div class="column-chart" role="img" aria-labelledby={`${id}-caption`} aria-describedby={`${id}-desc`}>
        {data.map((d) => {
          const share = shareOf(d.value, max);
          return (
            <div class="column">
              <span class="column-value">{format(d.value)}</span>
              <svg class="column-bar" viewBox="0 0 10 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x="0" y={Math.round((100 - share) * 10) / 10} width="10" height={share} fill={FILL} />
              </svg>
              <span class="column-label">
                <bdi>{d.label}</bdi>
              </span>
            </div>
          );
        })}
      </div>
    );
  return <ChartFigure id={id} title={title} description={description} heading={heading} chart={chart} table={table} empty={empty} />;
};
