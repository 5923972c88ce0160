import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, LocalTime, PostButton, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import { type MeetingWithGroup, meetingPath } from '../../queries.js';
import { MEETING_ACCESS } from '../../tables.js';
import type { AgendaItem, Decision } from '../queries.js';
import type { Transition } from '../rules.js';
import { MeetingText, statusLabel } from './parts.js';

const AdminLinks = ({ view, meeting: m, current }: { view: ViewContext; meeting: MeetingWithGroup; current: 'settings' | 'agenda' | 'summary' }) => (
  <nav aria-label={view.t('meetings.management.admin_links')}>
    <ul class="admin-links">
      {(['settings', 'agenda', 'summary'] as const).map((k) => (
        <li>
          <a href={view.href(`/admin/meetings/${m.id}${k === 'settings' ? '' : `/${k}`}`)} aria-current={k === current ? 'page' : undefined}>
            {view.t(`meetings.management.link_${k}`)}
          </a>
        </li>
      ))}
      <li>
        <a href={view.href(meetingPath(m))}>{view.t('meetings.management.link_public')}</a>
      </li>
    </ul>
  </nav>
);

/** The head of every admin page of a meeting: back to the list, the title, and the meeting's admin pages (none for a new meeting). */
const AdminHeader = ({
  view,
  title,
  meeting,
  current,
}: {
  view: ViewContext;
  title: string;
  meeting: MeetingWithGroup | null | undefined;
  current: 'settings' | 'agenda' | 'summary';
}) => (
  <>
    <p class="breadcrumb">
      <a href={view.href('/admin/meetings')}>{view.t('meetings.management.manage_title')}</a>
    </p>
    <h1>{title}</h1>
    {meeting && <AdminLinks view={view} meeting={meeting} current={current} />}
  </>
);

/** The secretariat's list of every meeting, members-only ones included. */
export const ManageMeetingsPage = ({ view, meetings }: { view: ViewContext; meetings: MeetingWithGroup[] }) => {
  const { t } = view;
  const title = t('meetings.management.manage_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p>
        <a class="button" href={view.href('/admin/meetings/new')}>
          {t('meetings.management.new_link')}
        </a>
      </p>
      <Table
        caption={t('meetings.management.manage_caption')}
        empty={t('meetings.management.list_empty')}
        rows={meetings}
        columns={[
          { header: t('meetings.management.group'), cell: (m) => <span dir="ltr">{m.groupCode}</span> },
          { header: t('meetings.management.number'), numeric: true, cell: (m) => view.fmt.number(m.number) },
          {
            header: t('meetings.management.title'),
            rowHeader: true,
            cell: (m) => (
              <a href={view.href(`/admin/meetings/${m.id}`)}>
                <MeetingText view={view} value={m.title} />
              </a>
            ),
          },
          { header: t('meetings.management.starts'), cell: (m) => <LocalTime view={view} value={m.startsAt} /> },
          { header: t('meetings.management.status'), cell: (m) => statusLabel(view, m.status) },
          { header: t('meetings.management.access'), cell: (m) => t(`meetings.management.access_${m.access}`) },
        ]}
      />
    </Layout>
  );
};

export type MeetingFormPageProps = {
  view: ViewContext;
  meeting: MeetingWithGroup | null;
  form: FormState;
  status?: FormState;
  transitions: Transition[];
  groups: { id: number; code: string }[];
  timeZones: string[];
  actionLines: { code: string; title: string }[];
};

/** Create or edit a meeting; for an existing one, its status moves (each with a confirmation). */
export const MeetingFormPage = ({ view, meeting: m, form, status, transitions, groups, timeZones, actionLines }: MeetingFormPageProps) => {
  const { t } = view;
  const title = m ? t('meetings.management.edit_title', { title: view.localize(m.title) }) : t('meetings.management.create_title');
  const labels: Record<string, string> = {
    groupId: t('meetings.management.group'),
    number: t('meetings.management.number'),
    timeZone: t('meetings.management.time_zone'),
    startsAt: t('meetings.management.starts'),
    endsAt: t('meetings.management.ends'),
    contributionsDeadline: t('meetings.management.deadline'),
    onlineUrl: t('meetings.management.online_url'),
    chair: t('meetings.management.chair'),
    viceChairs: t('meetings.management.vice_chairs'),
    access: t('meetings.management.access'),
    actionLines: t('meetings.management.action_lines'),
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`title.${l}`, t('meetings.management.title_in', { language: languageName(view, l) })],
        [`place.${l}`, t('meetings.management.place_in', { language: languageName(view, l) })],
      ]),
    ),
  };
  return (
    <Layout view={view} title={title}>
      <AdminHeader view={view} title={title} meeting={m} current="settings" />
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(m ? `/admin/meetings/${m.id}` : '/admin/meetings')}>
        <Select form={form} name="groupId" label={labels.groupId ?? ''} options={groups.map((g) => ({ value: String(g.id), label: g.code }))} />
        <Field form={form} name="number" label={labels.number ?? ''} hint={t('meetings.management.number_hint')} required maxLength={6} />
        {LOCALES.map((l) => (
          <fieldset>
            <legend>{languageName(view, l)}</legend>
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] ?? ''} maxLength={300} dir="auto" />
            <Field form={form} name={`place.${l}`} label={labels[`place.${l}`] ?? ''} maxLength={300} dir="auto" />
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('meetings.management.dates')}</legend>
          <Select
            form={form}
            name="timeZone"
            label={labels.timeZone ?? ''}
            hint={t('meetings.management.time_zone_hint')}
            options={timeZones.map((z) => ({ value: z, label: z }))}
          />
          <Field form={form} name="startsAt" type="datetime-local" label={labels.startsAt ?? ''} required />
          <Field form={form} name="endsAt" type="datetime-local" label={labels.endsAt ?? ''} required />
          <Field form={form} name="contributionsDeadline" type="datetime-local" label={labels.contributionsDeadline ?? ''} hint={t('meetings.management.deadline_hint')} />
        </fieldset>
        <Field form={form} name="onlineUrl" type="url" label={labels.onlineUrl ?? ''} maxLength={2000} dir="ltr" />
        <Field form={form} name="chair" label={labels.chair ?? ''} maxLength={200} dir="auto" />
        <TextArea form={form} name="viceChairs" label={labels.viceChairs ?? ''} hint={t('meetings.management.vice_chairs_hint')} rows={3} />
        <Select form={form} name="access" label={labels.access ?? ''} options={MEETING_ACCESS.map((a) => ({ value: a, label: t(`meetings.management.access_${a}`) }))} />
        <Checkboxes form={form} name="actionLines" legend={labels.actionLines ?? ''} options={actionLines.map((l) => ({ value: l.code, label: `${l.code} ${l.title}` }))} />
        <button type="submit" class="button">
          {m ? t('meetings.management.save') : t('meetings.management.create')}
        </button>
      </PostForm>
      {m && (
        <section aria-labelledby="status-title">
          <h2 id="status-title">{t('meetings.management.status_title')}</h2>
          <p>{t('meetings.management.status_line', { status: statusLabel(view, m.status) })}</p>
          {status && <ErrorSummary view={view} form={{ ...status, scope: String(status.values.transition ?? '') }} labels={{ confirm: t('meetings.management.confirm') }} />}
          {transitions.map((tr) => (
            <PostForm view={view} action={view.href(`/admin/meetings/${m.id}/status`)}>
              <input type="hidden" name="transition" value={tr} />
              <Checkboxes
                form={status && status.values.transition === tr ? { ...status, scope: tr } : { values: {}, errors: {}, scope: tr }}
                name="confirm"
                legend={t(`meetings.management.transition_${tr}`)}
                options={[{ value: 'yes', label: t('meetings.management.confirm') }]}
              />
              <button type="submit" class={tr === 'cancel' ? 'button button-danger' : 'button'}>
                {t(`meetings.management.transition_${tr}`)}
              </button>
            </PostForm>
          ))}
        </section>
      )}
    </Layout>
  );
};

const itemLabels = (view: ViewContext, prefix: string): Record<string, string> => ({
  number: view.t('meetings.management.item_number'),
  ...Object.fromEntries(LOCALES.map((l) => [`${prefix}.${l}`, view.t('meetings.management.title_in', { language: languageName(view, l) })])),
});

/** The agenda: each item's form (number, six titles) with up/down moves, and a form to add one. */
export const AgendaPage = ({ view, meeting: m, agenda, forms }: { view: ViewContext; meeting: MeetingWithGroup; agenda: AgendaItem[]; forms: Record<string, FormState> }) => {
  const { t } = view;
  const title = t('meetings.management.agenda_title', { title: view.localize(m.title) });
  const labels = itemLabels(view, 'title');
  const ItemForm = ({ scope, action, submit }: { scope: string; action: string; submit: string }) => {
    const form = { ...(forms[scope] ?? { values: {}, errors: {} }), scope };
    return (
      <>
        <ErrorSummary view={view} form={form} labels={labels} />
        <PostForm view={view} action={view.href(action)}>
          <Field form={form} name="number" label={labels.number ?? ''} hint={t('meetings.management.item_number_hint')} required maxLength={20} />
          {LOCALES.map((l) => (
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] ?? ''} maxLength={500} dir="auto" />
          ))}
          <button type="submit" class="button">
            {submit}
          </button>
        </PostForm>
      </>
    );
  };
  return (
    <Layout view={view} title={title}>
      <AdminHeader view={view} title={title} meeting={m} current="agenda" />
      {agenda.length === 0 && <p class="empty">{t('meetings.management.agenda_empty')}</p>}
      {agenda.map((i) => (
        <section aria-labelledby={`item-${i.id}`} id={`item-${i.id}-section`}>
          <h2 id={`item-${i.id}`}>
            <span dir="ltr">{i.number}</span> <MeetingText view={view} value={i.title} />
          </h2>
          <ItemForm scope={`item-${i.id}`} action={`/admin/meetings/${m.id}/agenda/${i.id}`} submit={t('meetings.management.save')} />
          <PostButton
            view={view}
            action={view.href(`/admin/meetings/${m.id}/agenda/${i.id}/move`)}
            fields={{ direction: 'up' }}
            label={t('meetings.management.move_up')}
            variant="secondary"
          />{' '}
          <PostButton
            view={view}
            action={view.href(`/admin/meetings/${m.id}/agenda/${i.id}/move`)}
            fields={{ direction: 'down' }}
            label={t('meetings.management.move_down')}
            variant="secondary"
          />
        </section>
      ))}
      <section aria-labelledby="new-item">
        <h2 id="new-item">{t('meetings.management.add_item')}</h2>
        <ItemForm scope="new-item" action={`/admin/meetings/${m.id}/agenda`} submit={t('meetings.management.add_item')} />
      </section>
    </Layout>
  );
};

/** The summary: each decision's form (number, six texts, agenda item, documents by symbol), and a form to add one. */
export const SummaryPage = ({
  view,
  meeting: m,
  agenda,
  decisions,
  documents,
  forms,
}: {
  view: ViewContext;
  meeting: MeetingWithGroup;
  agenda: AgendaItem[];
  decisions: Decision[];
  documents: { id: number; symbol: string | null }[];
  forms: Record<string, FormState>;
}) => {
  const { t } = view;
  const title = t('meetings.management.summary_title', { title: view.localize(m.title) });
  const labels: Record<string, string> = {
    number: t('meetings.management.decision_number'),
    agendaItemId: t('meetings.management.decision_item_label'),
    documentIds: t('meetings.management.decision_documents'),
    ...Object.fromEntries(LOCALES.map((l) => [`text.${l}`, t('meetings.management.text_in', { language: languageName(view, l) })])),
  };
  const DecisionForm = ({ scope, action, submit }: { scope: string; action: string; submit: string }) => {
    const form = { ...(forms[scope] ?? { values: {}, errors: {} }), scope };
    return (
      <>
        <ErrorSummary view={view} form={form} labels={labels} />
        <PostForm view={view} action={view.href(action)}>
          <Field form={form} name="number" label={labels.number ?? ''} required maxLength={4} />
          {LOCALES.map((l) => (
            <TextArea form={form} name={`text.${l}`} label={labels[`text.${l}`] ?? ''} rows={3} maxLength={5000} />
          ))}
          <Select
            form={form}
            name="agendaItemId"
            label={labels.agendaItemId ?? ''}
            options={[{ value: '', label: t('meetings.management.no_item') }, ...agenda.map((i) => ({ value: String(i.id), label: `${i.number} ${view.localize(i.title)}` }))]}
          />
          {documents.length === 0 ? (
            <p class="hint">{t('meetings.management.no_documents')}</p>
          ) : (
            <Checkboxes form={form} name="documentIds" legend={labels.documentIds ?? ''} options={documents.map((d) => ({ value: String(d.id), label: d.symbol ?? '' }))} />
          )}
          <button type="submit" class="button">
            {submit}
          </button>
        </PostForm>
      </>
    );
  };
  return (
    <Layout view={view} title={title}>
      <AdminHeader view={view} title={title} meeting={m} current="summary" />
      {decisions.length === 0 && <p class="empty">{t('meetings.management.decisions_empty')}</p>}
      {decisions.map((d) => (
        <section aria-labelledby={`decision-${d.id}`}>
          <h2 id={`decision-${d.id}`}>{t('meetings.management.decision_heading', { number: d.number })}</h2>
          <DecisionForm scope={`decision-${d.id}`} action={`/admin/meetings/${m.id}/decisions/${d.id}`} submit={t('meetings.management.save')} />
        </section>
      ))}
      <section aria-labelledby="new-decision">
        <h2 id="new-decision">{t('meetings.management.add_decision')}</h2>
        <DecisionForm scope="new-decision" action={`/admin/meetings/${m.id}/decisions`} submit={t('meetings.management.add_decision')} />
      </section>
    </Layout>
  );
};
