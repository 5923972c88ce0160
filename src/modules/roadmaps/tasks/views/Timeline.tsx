import type { ViewContext } from '../../../../core/views/context.js';
import type { TaskRow } from '../queries.js';
import { barOf, dayOf, trafficLight } from '../rules.js';
import { LIGHT_STYLE, lightLabel } from './parts.js';
import { ScrollRegion } from '../../../../core/views/components.js';

const WIDTH = 800;
const LABEL = 40;
const ROW = 26;
const AXIS = 30;

/** Month starts between two days (a tick every month, or every quarter over two years). */
const ticks = (from: string, to: string) => {
  const out: string[] = [];
  const start = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  const months = (Date.parse(to) - Date.parse(from)) / (30 * 86_400_000);
  const step = months > 24 ? 6 : months > 8 ? 3 : 1;
  for (let d = start; d.toISOString().slice(0, 10) <= to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1))) {
    const day = d.toISOString().slice(0, 10);
    if (day >= from) out.push(day);
  }
  return out;
};

/**
 * A roadmap's tasks as bars from start to deadline with today's line, drawn on the server at its
 * own size (800 px wide; its text 12 px), in a region that scrolls sideways on a narrower screen. An
 * image to assistive technology (role img, title and description); the data table below it
 * carries the same facts. Each bar has its light's colour and, at its end, the light's shape.
 */
export const Timeline = ({ view, tasks, now }: { view: ViewContext; tasks: TaskRow[]; now: Date }) => {
  if (tasks.length === 0) return null;
  const today = dayOf(now);
  const from = [today, ...tasks.map((t) => t.startsOn)].sort()[0] as string;
  const to = [today, ...tasks.map((t) => t.deadline)].sort().at(-1) as string;
  const range = { from, to };
  const plot = WIDTH - LABEL - 10;
  // Room under the last row for the "today" label (Arabic letters reach below the baseline).
  const height = AXIS + tasks.length * ROW + 18;
  const x = (fraction: number) => LABEL + fraction * plot;
  const todayX = x(barOf({ startsOn: today, deadline: today }, range).start);
  const title = view.t('roadmaps.tasks.timeline_title');
  const desc = view.t('roadmaps.tasks.timeline_desc', { count: tasks.length, from: view.fmt.date(`${from}T00:00:00Z`), to: view.fmt.date(`${to}T00:00:00Z`) });
  return (
    <figure class="task-timeline">
      {/* At its own size, so that its text is as large as the page's; on a narrower screen it scrolls
          sideways in its own focusable region, opening at the earliest date (time runs left to right). */}
      <ScrollRegion label={title} dir="ltr">
        <svg role="img" aria-labelledby="timeline-title timeline-desc" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} direction="ltr">
          <title id="timeline-title">{title}</title>
          <desc id="timeline-desc">{desc}</desc>
          {ticks(from, to).map((d) => {
            const tx = x(barOf({ startsOn: d, deadline: d }, range).start);
            return (
              <g>
                <line x1={tx} x2={tx} y1={AXIS - 6} y2={height - 6} stroke="#c8ccd0" stroke-width="1" />
                <text x={tx + 2} y={AXIS - 10} font-size="12" fill="#3d4349">
                  {view.fmt.date(`${d}T00:00:00Z`, { month: 'short', year: '2-digit' })}
                </text>
              </g>
            );
          })}
          {tasks.map((t, i) => {
            const light = trafficLight(t, now);
            const { start, width } = barOf(t, range);
            const y = AXIS + i * ROW;
            const style = LIGHT_STYLE[light];
            const end = x(start + width);
            return (
              <g>
                <text x={LABEL - 4} y={y + 15} font-size="12" text-anchor="end" fill="#1f2328">
                  {`#${t.id}`}
                </text>
                <rect x={x(start)} y={y + 4} width={Math.max(2, width * plot)} height={ROW - 10} rx="3" fill={style.fill} fill-opacity="0.85">
                  <title>{`#${t.id} ${view.localize(t.title)}: ${lightLabel(view, light)}`}</title>
                </rect>
                <g transform={`translate(${Math.min(WIDTH - 16, end + 2)} ${y + 4}) scale(0.9)`}>
                  <path d={style.shape} fill={style.fill} fill-rule="evenodd" />
                </g>
              </g>
            );
          })}
          <line x1={todayX} x2={todayX} y1={AXIS - 4} y2={height - 4} stroke="#1f2328" stroke-width="2" stroke-dasharray="4 3" />
          <text x={todayX + 3} y={height - 5} font-size="12" font-weight="bold" fill="#1f2328">
            {view.t('roadmaps.tasks.today')}
          </text>
        </svg>
      </ScrollRegion>
      <figcaption>{view.t('roadmaps.tasks.timeline_caption')}</figcaption>
    </figure>
  );
};
