import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostButton, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { RoadmapVersion } from '../../queries.js';
import { TEXT_FIELDS } from '../inputs.js';
import type { RoadmapSummary } from '../queries.js';
import { adminRoadmapPath, fieldLabel, roadmapPath, statusLabel, versionPath } from './parts.js';

const Breadcrumb = ({ view, line }: { view: ViewContext; line?: string }) => (
  <p class="breadcrumb">
    <a href={view.href('/admin/roadmaps')}>{view.t('roadmaps.versions.manage_title')}</a>
    {line && (
      <>
        {' / '}
        <a href={view.href(adminRoadmapPath(line))} dir="ltr">
          {line}
        </a>
      </>
    )}
  </p>
);

/** The roadmaps for those who edit them: every roadmap (edit links where the reader may edit), and for the secretariat a new roadmap. */
export const ManageRoadmapsPage = ({
  view,
  roadmaps,
  editable,
  canManage,
  freeLines,
  form,
}: {
  view: ViewContext;
  roadmaps: RoadmapSummary[];
  editable: Set<string>;
  canManage: boolean;
  freeLines: { code: string; title: string }[];
  form: FormState;
}) => {
  const { t } = view;
  const title = t('roadmaps.versions.manage_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      {canManage && (
        <p>
          <a href={view.href('/admin/roadmaps/focal-points')}>{t('roadmaps.focal_points.manage_title')}</a>
        </p>
      )}
      <Table
        caption={t('roadmaps.versions.list_caption')}
        empty={t('roadmaps.versions.list_empty')}
        rows={roadmaps}
        columns={[
          {
            header: t('roadmaps.versions.action_line'),
            rowHeader: true,
            cell: (r) =>
              editable.has(r.actionLine) ? (
                <a href={view.href(adminRoadmapPath(r.actionLine))} dir="ltr">
                  {r.actionLine}
                </a>
              ) : (
                <span dir="ltr">{r.actionLine}</span>
              ),
          },
          { header: t('roadmaps.versions.current_version'), numeric: true, cell: (r) => (r.current ? view.fmt.number(r.current.number) : t('roadmaps.versions.none_current')) },
          { header: t('roadmaps.versions.draft'), numeric: true, cell: (r) => (r.draftNumber ? view.fmt.number(r.draftNumber) : t('roadmaps.versions.none')) },
        ]}
      />
      {canManage && (
        <section>
          <h2>{t('roadmaps.versions.create_title')}</h2>
          <ErrorSummary view={view} form={form} labels={{ actionLine: t('roadmaps.versions.action_line') }} />
          <PostForm view={view} action={view.href('/admin/roadmaps')}>
            <Select
              form={form}
              name="actionLine"
              label={t('roadmaps.versions.action_line')}
              hint={t('roadmaps.versions.create_hint')}
              options={freeLines.map((l) => ({ value: l.code, label: `${l.code} — ${l.title}` }))}
              required
            />
            <button type="submit" class="button">
              {t('roadmaps.versions.create_button')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
};

/** One roadmap's versions with what can be done to each: edit the draft, present it, make a presented version current, start the next draft. */
export const RoadmapAdminPage = ({
  view,
  actionLine,
  versions,
  canManage,
  present,
  refused,
}: {
  view: ViewContext;
  actionLine: string;
  versions: RoadmapVersion[];
  canManage: boolean;
  present: FormState;
  /** Why the last action was refused (a presented version edited), shown above everything. */
  refused?: string;
}) => {
  const { t } = view;
  const title = t('roadmaps.versions.admin_title', { line: actionLine });
  const draft = versions.find((v) => v.status === 'draft');
  const labels = { symbol: t('roadmaps.versions.symbol'), presentedOn: t('roadmaps.versions.presented_on') };
  return (
    <Layout view={view} title={title}>
      <Breadcrumb view={view} />
      <h1>
        <span dir="ltr">{title}</span>
      </h1>
      {refused && (
        <div class="error-summary" role="alert" tabindex={-1} data-autofocus>
          <p>{refused}</p>
        </div>
      )}
      <p>
        <a href={view.href(roadmapPath(actionLine))}>{t('roadmaps.versions.public_link')}</a>
      </p>
      <Table
        caption={t('roadmaps.versions.versions')}
        empty={t('roadmaps.versions.none')}
        rows={versions}
        columns={[
          { header: t('roadmaps.versions.version'), rowHeader: true, cell: (v) => <a href={view.href(versionPath(actionLine, v.number))}>{view.fmt.number(v.number)}</a> },
          { header: t('roadmaps.versions.status'), cell: (v) => statusLabel(view, v.status) },
          { header: t('roadmaps.versions.symbol'), cell: (v) => (v.presentedSymbol ? <span dir="ltr">{v.presentedSymbol}</span> : '') },
          {
            header: t('roadmaps.versions.actions'),
            cell: (v) =>
              v.status === 'draft' ? (
                <a href={view.href(`${adminRoadmapPath(actionLine)}/draft`)}>{t('roadmaps.versions.edit_draft')}</a>
              ) : v.status === 'presented' && canManage ? (
                <PostButton view={view} action={view.href(`${adminRoadmapPath(actionLine)}/versions/${v.number}/current`)} label={t('roadmaps.versions.make_current')} />
              ) : (
                ''
              ),
          },
        ]}
      />
      {!draft && (
        <p>
          <PostButton view={view} action={view.href(`${adminRoadmapPath(actionLine)}/drafts`)} label={t('roadmaps.versions.start_draft')} variant="secondary" />
        </p>
      )}
      {draft && canManage && (
        <section>
          <h2>{t('roadmaps.versions.present_title', { number: draft.number })}</h2>
          <p class="hint">{t('roadmaps.versions.present_hint')}</p>
          <ErrorSummary view={view} form={present} labels={labels} />
          <PostForm view={view} action={view.href(`${adminRoadmapPath(actionLine)}/versions/${draft.number}/present`)}>
            <Field form={present} name="symbol" label={labels.symbol} hint={t('roadmaps.versions.symbol_hint')} required maxLength={100} dir="ltr" />
            <Field form={present} name="presentedOn" label={labels.presentedOn} type="date" required />
            <button type="submit" class="button">
              {t('roadmaps.versions.present_button')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
};

/** The draft's form: texts in six languages, partners, targets, a note on what changed. */
export const DraftFormPage = ({
  view,
  actionLine,
  version,
  form,
  organizations,
}: {
  view: ViewContext;
  actionLine: string;
  version: RoadmapVersion;
  form: FormState;
  organizations: { id: number; name: string }[];
}) => {
  const { t } = view;
  const title = t('roadmaps.versions.draft_title', { line: actionLine, number: version.number });
  const labels: Record<string, string> = {
    partnerOrganizationIds: fieldLabel(view, 'partnerOrganizationIds'),
    sdgTargets: fieldLabel(view, 'sdgTargets'),
    connectTargets: fieldLabel(view, 'connectTargets'),
    note: t('roadmaps.versions.note'),
    ...Object.fromEntries(
      TEXT_FIELDS.flatMap((f) => LOCALES.map((l) => [`${f}.${l}`, t('roadmaps.versions.field_in', { field: fieldLabel(view, f), language: languageName(view, l) })])),
    ),
  };
  return (
    <Layout view={view} title={title}>
      <Breadcrumb view={view} line={actionLine} />
      <h1>
        <span dir="ltr">{title}</span>
      </h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(`${adminRoadmapPath(actionLine)}/draft`)}>
        {LOCALES.map((l) => (
          <fieldset>
            <legend>{languageName(view, l)}</legend>
            {TEXT_FIELDS.map((f) => (
              <TextArea form={form} name={`${f}.${l}`} label={labels[`${f}.${l}`] ?? ''} rows={f === 'ituRole' ? 3 : 6} maxLength={f === 'ituRole' ? 5000 : 20_000} />
            ))}
          </fieldset>
        ))}
        <Checkboxes
          form={form}
          name="partnerOrganizationIds"
          legend={labels.partnerOrganizationIds ?? ''}
          options={organizations.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <Field form={form} name="sdgTargets" label={labels.sdgTargets ?? ''} hint={t('roadmaps.versions.sdg_hint')} maxLength={2000} dir="ltr" />
        <Field form={form} name="connectTargets" label={labels.connectTargets ?? ''} hint={t('roadmaps.versions.connect_hint')} maxLength={2000} dir="ltr" />
        <TextArea form={form} name="note" label={labels.note ?? ''} hint={t('roadmaps.versions.note_hint')} rows={3} maxLength={2000} />
        <button type="submit" class="button">
          {t('roadmaps.versions.save_draft')}
        </button>
      </PostForm>
    </Layout>
  );
};
