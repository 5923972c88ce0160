import type { ViewContext } from '../../../core/views/context.js';

export type Bar = { label: string; value: number; href?: string };

/**
 * A horizontal SVG bar chart (role="img", summarized in aria-label) with its data table beside it
 * for screen readers and for copying the figures.
 */
export const BarChart = ({ view, id, title, bars, labelHeader }: { view: ViewContext; id: string; title: string; bars: Bar[]; labelHeader: string }) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 24;
  const labelWidth = 220;
  const width = 640;
  const barSpace = width - labelWidth - 60;
  const height = Math.max(rowHeight, bars.length * rowHeight);
  const summary = bars.map((b) => `${b.label}: ${view.fmt.number(b.value)}`).join('; ');
  // The drawing is laid out in left-to-right coordinates and mirrored by hand for Arabic, so
  // labels, bars and values read from the start side in both directions.
  const rtl = view.dir === 'rtl';
  const barStart = rtl ? width - labelWidth : labelWidth;
  return (
    <section aria-labelledby={`${id}-title`} class="chart">
      <h2 id={`${id}-title`}>{title}</h2>
      {bars.length === 0 ? (
        <p class="empty">{view.t('stocktaking.statistics.no_data')}</p>
      ) : (
        <div class="chart-with-table">
          <svg
            role="img"
            aria-label={`${title}. ${summary}`}
            viewBox={`0 0 ${width} ${height}`}
            width="100%"
            preserveAspectRatio={rtl ? 'xMaxYMin meet' : 'xMinYMin meet'}
            direction="ltr"
          >
            {bars.map((b, i) => {
              const y = i * rowHeight;
              const w = Math.max(1, Math.round((b.value / max) * barSpace));
              return (
                <g>
                  <text x={rtl ? barStart + 8 : barStart - 8} y={y + 16} text-anchor={rtl ? 'start' : 'end'} font-size="12">
                    {b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label}
                  </text>
                  <rect x={rtl ? barStart - w : barStart} y={y + 4} width={w} height={rowHeight - 8} fill="#005a9c" />
                  <text x={rtl ? barStart - w - 6 : barStart + w + 6} y={y + 16} text-anchor={rtl ? 'end' : 'start'} font-size="12">
                    {view.fmt.number(b.value)}
                  </text>
                </g>
              );
            })}
          </svg>
          <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{labelHeader}</th>
                  <th scope="col" class="numeric">
                    {view.t('stocktaking.statistics.entries')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr>
                    <th scope="row">{b.href ? <a href={b.href}>{b.label}</a> : b.label}</th>
                    <td class="numeric">{view.fmt.number(b.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
};
