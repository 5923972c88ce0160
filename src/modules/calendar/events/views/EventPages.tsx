import type { CalendarKind } from '../../../../core/contributions.js';
import { ENDONYMS, LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostButton, PostForm, Select, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { CalendarEvent } from '../../queries.js';

export const REPORT_TEMPLATES = ['council', 'pp', 'cstd', 'hlpf'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];

/** The secretariat's list of the calendar's own dates, and the report deadlines to enter. */
export const EventListPage = ({ view, events, when }: { view: ViewContext; events: CalendarEvent[]; when: (e: CalendarEvent) => string }) => {
  const { t } = view;
  const title = t('calendar.events.manage_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p class="lead">{t('calendar.events.manage_lead')}</p>
      <p>
        <a class="button" href={view.href('/admin/calendar/events/new')}>
          {t('calendar.events.new_link')}
        </a>
      </p>
      <section aria-labelledby="report-templates-title">
        <h2 id="report-templates-title">{t('calendar.events.templates_title')}</h2>
        <p>{t('calendar.events.templates_lead')}</p>
        <ul>
          {REPORT_TEMPLATES.map((k) => (
            <li>
              <a href={view.href(`/admin/calendar/events/new?template=${k}`)}>{t(`calendar.events.template_${k}`)}</a>
            </li>
          ))}
        </ul>
      </section>
      <Table
        caption={t('calendar.events.manage_caption')}
        empty={t('calendar.events.manage_empty')}
        rows={events}
        columns={[
          {
            header: t('calendar.events.field_title'),
            rowHeader: true,
            cell: (e) => <a href={view.href(`/admin/calendar/events/${e.id}`)}>{view.localize(e.title)}</a>,
          },
          { header: t('calendar.events.field_kind'), cell: (e) => t(`calendar.kinds.${e.kind}`) },
          { header: t('calendar.events.when'), cell: (e) => when(e) },
          { header: t('calendar.events.status'), cell: (e) => (e.cancelled ? t('calendar.events.status_cancelled') : t('calendar.events.status_confirmed')) },
          { header: t('calendar.events.sequence'), numeric: true, cell: (e) => view.fmt.number(e.sequence) },
        ]}
      />
    </Layout>
  );
};

export type EventFormPageProps = {
  view: ViewContext;
  event: CalendarEvent | null;
  form: FormState;
  kinds: readonly CalendarKind[];
  timeZones: string[];
  actionLines: { code: string; title: string }[];
};

/** Create or edit one date: titles in six languages, day or time in a named zone, place, link. */
export const EventFormPage = ({ view, event, form, kinds, timeZones, actionLines }: EventFormPageProps) => {
  const { t } = view;
  const title = event ? t('calendar.events.edit_title') : t('calendar.events.new_title');
  const labels: Record<string, string> = {
    kind: t('calendar.events.field_kind'),
    start: t('calendar.events.field_start'),
    end: t('calendar.events.field_end'),
    timeZone: t('calendar.events.field_time_zone'),
    href: t('calendar.events.field_href'),
    actionLines: t('calendar.events.field_action_lines'),
    ...Object.fromEntries(LOCALES.map((l) => [`title.${l}`, t('calendar.events.field_title_in', { language: ENDONYMS[l] })])),
  };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {event?.cancelled && <p class="notice">{t('calendar.events.is_cancelled')}</p>}
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(event ? `/admin/calendar/events/${event.id}` : '/admin/calendar/events')}>
        <fieldset>
          <legend>{t('calendar.events.field_title')}</legend>
          {LOCALES.map((l) => (
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] as string} maxLength={300} dir={l === 'ar' ? 'rtl' : 'auto'} />
          ))}
        </fieldset>
        <Select form={form} name="kind" label={labels.kind as string} options={kinds.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} />
        <Select
          form={form}
          name="allDay"
          label={t('calendar.events.field_all_day')}
          options={[
            { value: 'yes', label: t('calendar.events.all_day_yes') },
            { value: 'no', label: t('calendar.events.all_day_no') },
          ]}
        />
        <Field form={form} name="start" label={labels.start as string} hint={t('calendar.events.date_hint')} required dir="ltr" />
        <Field form={form} name="end" label={labels.end as string} hint={t('calendar.events.end_hint')} dir="ltr" />
        <Select form={form} name="timeZone" label={labels.timeZone as string} options={timeZones.map((z) => ({ value: z, label: z }))} />
        <fieldset>
          <legend>{t('calendar.events.field_location')}</legend>
          {LOCALES.map((l) => (
            <Field form={form} name={`location.${l}`} label={t('calendar.events.field_location_in', { language: ENDONYMS[l] })} maxLength={200} dir={l === 'ar' ? 'rtl' : 'auto'} />
          ))}
        </fieldset>
        <Field form={form} name="href" label={labels.href as string} hint={t('calendar.events.href_hint')} maxLength={500} dir="ltr" />
        <Field form={form} name="group" label={t('calendar.events.field_group')} maxLength={100} dir="ltr" />
        <Checkboxes form={form} name="actionLines" legend={labels.actionLines as string} options={actionLines.map((l) => ({ value: l.code, label: `${l.code} ${l.title}` }))} />
        <button type="submit" class="button">
          {event ? t('calendar.events.save') : t('calendar.events.create')}
        </button>
      </PostForm>
      {event && (
        <section aria-labelledby="event-status-title">
          <h2 id="event-status-title">{t('calendar.events.status')}</h2>
          <p>{t('calendar.events.sequence_note', { sequence: event.sequence })}</p>
          {event.cancelled ? (
            <PostButton view={view} action={view.href(`/admin/calendar/events/${event.id}/restore`)} label={t('calendar.events.restore')} variant="secondary" />
          ) : (
            <PostButton view={view} action={view.href(`/admin/calendar/events/${event.id}/cancel`)} label={t('calendar.events.cancel')} variant="danger" />
          )}
        </section>
      )}
    </Layout>
  );
};
