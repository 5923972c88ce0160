import type { ViewContext } from '../../../core/views/context.js';

export type Bar = { label: string; value: number; href?: string };

/**
 * A horizontal bar chart with its data table beside it for screen readers and for copying the
 * figures. Labels and values are HTML text in the page's own size (never below 12 CSS pixels,
 * also on a 320-pixel phone) and wrap onto several lines when they are long, in any script;
 * only the bars are drawn, as SVG rectangles, so nothing is cut at a character count. The grid
 * follows the page's direction: in Arabic the labels are on the right and the bars grow leftwards.
 */
export const BarChart = ({ view, id, title, bars, labelHeader }: { view: ViewContext; id: string; title: string; bars: Bar[]; labelHeader: string }) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const summary = bars.map((b) => `${b.label}${view.t('core.text.colon')}${view.fmt.number(b.value)}`).join('; ');
  const rtl = view.dir === 'rtl';
  return (
    <section aria-labelledby={`${id}-title`} class="chart">
      <h2 id={`${id}-title`}>{title}</h2>
      {bars.length === 0 ? (
        <p class="empty">{view.t('stocktaking.statistics.no_data')}</p>
      ) : (
        <div class="chart-with-table">
          <div class="bar-chart" role="img" aria-label={`${title}. ${summary}`}>
            {bars.map((b) => {
              const share = Math.max(0.5, (b.value / max) * 100);
              return (
                <div class="bar-row">
                  <span class="bar-label">{b.label}</span>
                  <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect x={rtl ? 100 - share : 0} y="0" width={share} height="10" fill="#005a9c" />
                  </svg>
                  <span class="bar-value">{view.fmt.number(b.value)}</span>
                </div>
              );
            })}
          </div>
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
