import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, LocalTime, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Consultation, ConsultationVersion } from '../../queries.js';
import { AUDIENCES, RESPONDENT_KINDS } from '../../tables.js';
import type { Transition } from '../commands/change-status.js';
import type { ManagedConsultation } from '../queries.js';
import { AdminConsultationLinks } from './links.js';
import { audienceLabel, ConsultationText, languageName, respondentLabel, statusLabel } from './parts.js';

/** The secretariat's list of every consultation, drafts included, with its answers. */
export const ManageListPage = ({ view, consultations, canAnalyse }: { view: ViewContext; consultations: ManagedConsultation[]; canAnalyse: boolean }) => {
  const { t } = view;
  const title = t('consultations.management.manage_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p>
        <a class="button" href={view.href('/admin/consultations/new')}>
          {t('consultations.management.new_link')}
        </a>
      </p>
      <Table
        caption={t('consultations.management.manage_caption')}
        empty={t('consultations.management.manage_empty')}
        rows={consultations}
        columns={[
          {
            header: t('consultations.management.title'),
            rowHeader: true,
            cell: (c) => (
              <a href={view.href(`/admin/consultations/${c.id}`)}>
                <ConsultationText view={view} value={c.title} translations={c.translations} />
              </a>
            ),
          },
          { header: t('consultations.management.status'), cell: (c) => statusLabel(view, c.status) },
          { header: t('consultations.management.opens'), cell: (c) => <LocalTime view={view} value={c.opensAt} /> },
          { header: t('consultations.management.closes'), cell: (c) => <LocalTime view={view} value={c.closesAt} /> },
          { header: t('consultations.management.answers_submitted'), numeric: true, cell: (c) => view.fmt.number(c.submittedCount) },
          { header: t('consultations.management.answers_all'), numeric: true, cell: (c) => view.fmt.number(c.answerCount) },
          {
            header: t('consultations.management.actions'),
            cell: (c) => <AdminConsultationLinks view={view} consultation={c} canManage canAnalyse={canAnalyse} omit={['settings', 'public']} />,
          },
        ]}
      />
    </Layout>
  );
};

export type ConsultationFormPageProps = {
  view: ViewContext;
  consultation: Consultation | null;
  canAnalyse?: boolean;
  form: FormState;
  lifecycle?: FormState;
  versions?: (ConsultationVersion & { answers: number })[];
  timeZones: string[];
  actionLines: { code: string; title: string }[];
  sdgs: { number: number; title: string }[];
};

const NEXT: Record<string, Transition | undefined> = { draft: 'open', open: 'close', closed: 'publish' };

/** Create or edit a consultation; for an existing one, its lifecycle (with a confirmation) and its versions. */
export const ConsultationFormPage = ({ view, consultation: c, canAnalyse = false, form, lifecycle, versions, timeZones, actionLines, sdgs }: ConsultationFormPageProps) => {
  const { t } = view;
  const title = c ? t('consultations.management.edit_title', { title: view.localize(c.title) }) : t('consultations.management.create_title');
  const labels: Record<string, string> = {
    originalLanguage: t('consultations.management.original_language'),
    audience: t('consultations.management.audience'),
    respondentKind: t('consultations.management.respondent_kind'),
    timeZone: t('consultations.management.time_zone'),
    opensAt: t('consultations.management.opens_at'),
    closesAt: t('consultations.management.closes_at'),
    actionLines: t('consultations.management.action_lines'),
    sdgs: t('consultations.management.sdgs'),
    answersMayBePublished: t('consultations.management.publication'),
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`title.${l}`, t('consultations.management.title_in', { language: languageName(view, l) })],
        [`purpose.${l}`, t('consultations.management.purpose_in', { language: languageName(view, l) })],
        [`kind.${l}`, t('consultations.management.kind_in', { language: languageName(view, l) })],
      ]),
    ),
  };
  const next = c ? NEXT[c.status] : undefined;
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/admin/consultations')}>{t('consultations.management.manage_title')}</a>
      </p>
      <h1>{title}</h1>
      {c && <AdminConsultationLinks view={view} consultation={c} canManage canAnalyse={canAnalyse} current="settings" />}
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(c ? `/admin/consultations/${c.id}` : '/admin/consultations')}>
        <Select
          form={form}
          name="originalLanguage"
          label={labels.originalLanguage ?? ''}
          hint={t('consultations.management.original_language_hint')}
          options={LOCALES.map((l) => ({ value: l, label: languageName(view, l) }))}
        />
        {LOCALES.map((l) => (
          <fieldset>
            <legend>{languageName(view, l)}</legend>
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] ?? ''} maxLength={300} dir="auto" />
            <TextArea form={form} name={`purpose.${l}`} label={labels[`purpose.${l}`] ?? ''} hint={t('consultations.management.purpose_hint')} rows={4} maxLength={20000} />
            <Select
              form={form}
              name={`kind.${l}`}
              label={labels[`kind.${l}`] ?? ''}
              hint={t('consultations.management.kind_hint')}
              options={[
                { value: 'unofficial', label: t('consultations.management.kind_unofficial') },
                { value: 'reviewed', label: t('consultations.management.kind_reviewed') },
              ]}
            />
          </fieldset>
        ))}
        <Select form={form} name="audience" label={labels.audience ?? ''} options={AUDIENCES.map((a) => ({ value: a, label: audienceLabel(view, a) }))} />
        <Select form={form} name="respondentKind" label={labels.respondentKind ?? ''} options={RESPONDENT_KINDS.map((r) => ({ value: r, label: respondentLabel(view, r) }))} />
        <fieldset>
          <legend>{t('consultations.management.dates')}</legend>
          <Select
            form={form}
            name="timeZone"
            label={labels.timeZone ?? ''}
            hint={t('consultations.management.time_zone_hint')}
            options={timeZones.map((z) => ({ value: z, label: z }))}
          />
          <Field form={form} name="opensAt" type="datetime-local" label={labels.opensAt ?? ''} required />
          <Field form={form} name="closesAt" type="datetime-local" label={labels.closesAt ?? ''} required />
        </fieldset>
        <Checkboxes
          form={form}
          name="answersMayBePublished"
          legend={labels.answersMayBePublished ?? ''}
          options={[{ value: 'yes', label: t('consultations.management.publication_allowed') }]}
        />
        <Checkboxes form={form} name="actionLines" legend={labels.actionLines ?? ''} options={actionLines.map((l) => ({ value: l.code, label: `${l.code} ${l.title}` }))} />
        <Checkboxes
          form={form}
          name="sdgs"
          legend={labels.sdgs ?? ''}
          options={sdgs.map((s) => ({ value: String(s.number), label: `${view.fmt.number(s.number)}. ${s.title}` }))}
        />
        <button type="submit" class="button">
          {c ? t('consultations.management.save') : t('consultations.management.create')}
        </button>
      </PostForm>
      {c && (
        <section aria-labelledby="lifecycle-title">
          <h2 id="lifecycle-title">{t('consultations.management.lifecycle_title')}</h2>
          <p>{t('consultations.management.lifecycle_now', { status: statusLabel(view, c.status) })}</p>
          {next && lifecycle && (
            <>
              <ErrorSummary view={view} form={lifecycle} labels={{ confirm: t(`consultations.management.transition_${next}`) }} />
              <PostForm view={view} action={view.href(`/admin/consultations/${c.id}/status`)}>
                <input type="hidden" name="transition" value={next} />
                <Checkboxes
                  form={lifecycle}
                  name="confirm"
                  legend={t(`consultations.management.transition_${next}`)}
                  hint={t(`consultations.management.transition_${next}_hint`)}
                  options={[{ value: 'yes', label: t('consultations.management.confirm') }]}
                />
                <button type="submit" class={next === 'close' ? 'button button-danger' : 'button'}>
                  {t(`consultations.management.transition_${next}`)}
                </button>
              </PostForm>
            </>
          )}
        </section>
      )}
      {c && versions && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('consultations.management.versions_title')}</h2>
          <Table
            caption={t('consultations.management.versions_caption')}
            empty={t('consultations.management.questionnaire_empty')}
            rows={versions}
            columns={[
              { header: t('consultations.management.version'), numeric: true, cell: (v) => view.fmt.number(v.version) },
              { header: t('consultations.management.created'), cell: (v) => <LocalTime view={view} value={v.createdAt} /> },
              { header: t('consultations.management.answers_all'), numeric: true, cell: (v) => view.fmt.number(v.answers) },
              {
                header: t('consultations.management.change_note'),
                cell: (v) => (Object.keys(v.changeNote).length > 0 ? <ConsultationText view={view} value={v.changeNote} translations={{}} /> : '—'),
              },
              {
                header: t('consultations.management.current'),
                cell: (v) => (v.version === c.currentVersion ? t('consultations.management.current_yes') : ''),
              },
            ]}
          />
        </section>
      )}
    </Layout>
  );
};
