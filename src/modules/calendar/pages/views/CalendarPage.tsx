import type { CalendarKind } from '../../../../core/contributions.js';
import { type FormState, Select, ScrollRegion } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';

/** One date as the page shows it, everything already in the reader's language. */
export type ShownItem = {
  key: string;
  title: string;
  /** Its page (a link of the platform in the reader's language, or an address elsewhere). */
  url: string;
  icsUrl: string;
  kind: CalendarKind;
  /** "10:00 CEST – 12:00 CEST", or null for a whole day. */
  time: string | null;
  location: string;
  cancelled: boolean;
};

export type CalendarPageProps = {
  view: ViewContext;
  mode: 'grid' | 'list';
  /** "December 2026", in the reader's language. */
  monthTitle: string;
  /** Weeks of seven days "YYYY-MM-DD", from the locale's first day of the week. */
  weeks: string[][];
  /** The days of the month shown, "YYYY-MM-DD" (the others of the grid are greyed). */
  monthPrefix: string;
  byDay: Map<string, ShownItem[]>;
  /** Weekday names, in the grid's order: [short, long]. */
  weekdays: [string, string][];
  dayLabel: (day: string) => { number: string; full: string };
  filters: FormState;
  kinds: readonly CalendarKind[];
  actionLines: { code: string; title: string }[];
  groups: string[];
  links: { previous: string; next: string; today: string; grid: string; list: string; feed: string; webcal: string };
};

const ItemLine = ({ view, item, withIcs }: { view: ViewContext; item: ShownItem; withIcs: boolean }) => (
  <li class={`calendar-item calendar-kind-${item.kind}${item.cancelled ? ' calendar-cancelled' : ''}`}>
    {item.time && <span class="calendar-time">{item.time} </span>}
    <a href={item.url}>{item.cancelled ? <s>{item.title}</s> : item.title}</a>
    {item.cancelled && <span class="calendar-status"> ({view.t('calendar.pages.cancelled')})</span>}
    <span class="muted calendar-kind"> · {view.t(`calendar.kinds.${item.kind}`)}</span>
    {item.location && <span class="muted"> · {item.location}</span>}
    {withIcs && (
      <>
        {' · '}
        <a href={item.icsUrl} aria-label={view.t('calendar.pages.add_one_label', { title: item.title })}>
          {view.t('calendar.pages.add_one')}
        </a>
      </>
    )}
  </li>
);

const Grid = ({ view, props }: { view: ViewContext; props: CalendarPageProps }) => (
  <ScrollRegion label={props.monthTitle} class="calendar-grid-wrap">
    <table class="calendar-grid">
      <caption>{props.monthTitle}</caption>
      <thead>
        <tr>
          {props.weekdays.map(([short, long]) => (
            <th scope="col">
              <span aria-hidden="true">{short}</span>
              <span class="visually-hidden">{long}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.weeks.map((week) => (
          <tr>
            {week.map((day) => {
              const label = props.dayLabel(day);
              const items = props.byDay.get(day) ?? [];
              const inMonth = day.startsWith(props.monthPrefix);
              return (
                <td class={inMonth ? undefined : 'calendar-other-month'}>
                  <span class="calendar-day-number" aria-hidden="true">
                    {label.number}
                  </span>
                  <span class="visually-hidden">{label.full}</span>
                  {items.length > 0 && (
                    <ul class="calendar-items">
                      {items.map((item) => (
                        <ItemLine view={view} item={item} withIcs={false} />
                      ))}
                    </ul>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);

const Agenda = ({ view, props }: { view: ViewContext; props: CalendarPageProps }) => {
  const days = props.weeks.flat().filter((d) => d.startsWith(props.monthPrefix) && (props.byDay.get(d)?.length ?? 0) > 0);
  if (days.length === 0) return <p class="empty">{view.t('calendar.pages.empty')}</p>;
  return (
    <div class="calendar-agenda">
      {days.map((day) => (
        <section aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{props.dayLabel(day).full}</h2>
          <ul class="calendar-items">
            {(props.byDay.get(day) ?? []).map((item) => (
              <ItemLine view={view} item={item} withIcs />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
};

/** Public: the month as a grid (a real table) or as an agenda list, with filters and the feeds. */
export const CalendarPage = (props: CalendarPageProps) => {
  const { view, mode, links, filters } = props;
  const { t } = view;
  const title = t('calendar.pages.title');
  return (
    <Layout view={view} title={`${title} – ${props.monthTitle}`}>
      <h1>{title}</h1>
      <p class="lead">{t('calendar.pages.lead')}</p>
      <nav class="calendar-nav" aria-label={t('calendar.pages.months_label')}>
        <ul>
          <li>
            <a href={links.previous} rel="prev">
              {t('calendar.pages.previous')}
            </a>
          </li>
          <li>
            <a href={links.today}>{t('calendar.pages.today')}</a>
          </li>
          <li>
            <a href={links.next} rel="next">
              {t('calendar.pages.next')}
            </a>
          </li>
        </ul>
      </nav>
      <nav class="calendar-views" aria-label={t('calendar.pages.views_label')}>
        <ul>
          <li>{mode === 'grid' ? <span aria-current="page">{t('calendar.pages.view_grid')}</span> : <a href={links.grid}>{t('calendar.pages.view_grid')}</a>}</li>
          <li>{mode === 'list' ? <span aria-current="page">{t('calendar.pages.view_list')}</span> : <a href={links.list}>{t('calendar.pages.view_list')}</a>}</li>
        </ul>
      </nav>
      <form method="get" action={view.href('/calendar')} class="filters" aria-labelledby="calendar-filters-title">
        <h2 id="calendar-filters-title" class="visually-hidden">
          {t('calendar.pages.filters_title')}
        </h2>
        <input type="hidden" name="month" value={String(filters.values.month ?? '')} />
        {mode === 'list' && <input type="hidden" name="view" value="list" />}
        <Select
          form={filters}
          name="kind"
          label={t('calendar.pages.filter_kind')}
          options={[{ value: '', label: t('calendar.pages.kind_all') }, ...props.kinds.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))]}
        />
        <Select
          form={filters}
          name="group"
          label={t('calendar.pages.filter_group')}
          options={[{ value: '', label: t('calendar.pages.group_all') }, ...props.groups.map((g) => ({ value: g, label: g }))]}
        />
        <Select
          form={filters}
          name="actionLine"
          label={t('calendar.pages.filter_action_line')}
          options={[{ value: '', label: t('calendar.pages.action_line_all') }, ...props.actionLines.map((l) => ({ value: l.code, label: `${l.code} ${l.title}` }))]}
        />
        <button type="submit" class="button">
          {t('calendar.pages.filter_apply')}
        </button>
      </form>
      {mode === 'grid' ? <Grid view={view} props={props} /> : <Agenda view={view} props={props} />}
      <section aria-labelledby="calendar-subscribe-title" class="calendar-subscribe">
        <h2 id="calendar-subscribe-title">{t('calendar.pages.subscribe_title')}</h2>
        <p>{t('calendar.pages.subscribe_lead')}</p>
        <p>
          <a href={links.webcal}>{t('calendar.pages.subscribe')}</a>
          {' · '}
          <a href={links.feed} type="text/calendar">
            {t('calendar.pages.download_feed')}
          </a>
        </p>
        <p class="hint">
          {t('calendar.pages.feed_address')}
          {t('core.text.colon')}
          <code dir="ltr">{links.feed}</code>
        </p>
      </section>
    </Layout>
  );
};
