import { LOCALES } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { ErrorSummary, Field, type FormState, PostButton, Select, ScrollRegion } from '../../../../core/views/components.js';
import { Layout } from '../../../../core/views/Layout.js';
import { LocalizedText, languageName } from '../../../../core/views/LocalizedText.js';
import { countryName } from '../../../reference/queries.js';
import { AMENDMENT_KINDS, DOCUMENT_KINDS, SOURCE_KINDS } from '../../tables.js';
import type { DocumentRow, RegisterMeeting } from '../queries.js';
import { documentHref, StatusMark, sourceLabel } from './parts.js';

type Props = {
  view: ViewContext;
  meeting: RegisterMeeting;
  rows: DocumentRow[];
  agendaItems: { id: number; number: string; title: Record<string, string | undefined> }[];
  countries: string[];
  form: FormState;
};

/** A multipart form (a file input): the CSRF token is its first field, as the core reads it first. */
const UploadForm = ({ view, action, children }: { view: ViewContext; action: string; children: preact.ComponentChildren }) => (
  <form method="post" action={action} enctype="multipart/form-data" class="inline-form" novalidate>
    <input type="hidden" name="_csrf" value={view.csrfToken} />
    {children}
  </form>
);

/** The secretariat's list of a meeting's documents (every status) with their actions, and the form to file a new one. */
export const AdminDocumentsPage = ({ view, meeting, rows, agendaItems, countries, form }: Props) => {
  const { t } = view;
  const key = `${meeting.groupCode}-${meeting.number}`;
  const base = `/admin/meetings/${encodeURIComponent(meeting.groupCode)}/${meeting.number}/documents`;
  const labels: Record<string, string> = {
    kind: t('meetings.register.fields.kind'),
    sourceKind: t('meetings.register.fields.source_kind'),
    sourceCountry: t('meetings.register.fields.country'),
    sourceName: t('meetings.register.fields.source_name'),
    agendaItemId: t('meetings.register.fields.agenda_item'),
    originalLanguage: t('meetings.register.fields.original_language'),
    documentDate: t('meetings.register.fields.date'),
    files: t('meetings.register.fields.files'),
    meeting: t('meetings.register.fields.meeting'),
    register: t('meetings.register.admin.register'),
    ...Object.fromEntries(LOCALES.map((l) => [`title_${l}`, t('meetings.register.fields.title_in', { language: languageName(view, l) })])),
    ...Object.fromEntries(LOCALES.map((l) => [`file_${l}`, t('meetings.register.fields.file_in', { language: languageName(view, l) })])),
  };
  const languageOptions = LOCALES.map((l) => ({ value: l, label: languageName(view, l) }));
  return (
    <Layout view={view} title={t('meetings.register.admin.title', { meeting: key })} wide>
      <h1>{t('meetings.register.admin.title', { meeting: key })}</h1>
      <ScrollRegion label={t('meetings.register.admin.caption')}>
        <table>
          <caption>{t('meetings.register.admin.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.register.fields.symbol')}</th>
              <th scope="col">{t('meetings.register.fields.title')}</th>
              <th scope="col">{t('meetings.register.fields.source')}</th>
              <th scope="col">{t('meetings.register.fields.status')}</th>
              <th scope="col">{t('meetings.register.fields.languages')}</th>
              <th scope="col">{t('meetings.register.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const id = `doc-${d.id}`;
              return (
                <tr>
                  <th scope="row">{d.symbol ? <a href={documentHref(view, d.symbol)}>{d.symbol}</a> : t('meetings.register.no_symbol')}</th>
                  <td>
                    <LocalizedText view={view} value={d.title} translations={{}} />
                  </td>
                  <td>{sourceLabel(view, d)}</td>
                  <td>
                    <StatusMark view={view} d={d} />
                  </td>
                  <td>{view.fmt.list(d.files.map((f) => languageName(view, f.locale)))}</td>
                  <td class="actions">
                    {d.status === 'submitted' && (
                      <form method="post" action={view.href(`/admin/meetings/documents/${d.id}/register`)} class="inline-form">
                        <input type="hidden" name="_csrf" value={view.csrfToken} />
                        <input type="checkbox" id={`${id}-late`} name="late" value="yes" />
                        <label for={`${id}-late`}>{t('meetings.register.admin.late')}</label>{' '}
                        <button type="submit" class="button">
                          {t('meetings.register.admin.register')}
                        </button>
                      </form>
                    )}
                    {d.status === 'registered' && (
                      <PostButton view={view} action={view.href(`/admin/meetings/documents/${d.id}/publish`)} label={t('meetings.register.admin.publish')} />
                    )}
                    {(d.status === 'registered' || d.status === 'published') && (
                      <form method="post" action={view.href(`/admin/meetings/documents/${d.id}/withdraw`)} class="inline-form">
                        <input type="hidden" name="_csrf" value={view.csrfToken} />
                        <label for={`${id}-note`}>{t('meetings.register.admin.withdraw_note')}</label>
                        <input type="text" id={`${id}-note`} name="note" maxLength={2000} required aria-required="true" />
                        <button type="submit" class="button button-danger">
                          {t('meetings.register.admin.withdraw')}
                        </button>
                      </form>
                    )}
                    {d.status !== 'withdrawn' && d.status !== 'rejected' && (
                      <UploadForm view={view} action={view.href(`/admin/meetings/documents/${d.id}/files`)}>
                        <label for={`${id}-locale`}>{t('meetings.register.fields.language')}</label>
                        <select id={`${id}-locale`} name="locale">
                          {languageOptions.map((o) => (
                            <option value={o.value}>{o.label}</option>
                          ))}
                        </select>
                        <label for={`${id}-file`}>{t('meetings.register.fields.file')}</label>
                        <input type="file" id={`${id}-file`} name="file" accept=".pdf,.docx,.odt,.xlsx,.pptx" />
                        <button type="submit" class="button button-secondary">
                          {t('meetings.register.admin.upload')}
                        </button>
                      </UploadForm>
                    )}
                    {d.symbol && d.amendsId === null && d.status !== 'withdrawn' && (
                      <UploadForm view={view} action={view.href(`/admin/meetings/documents/${d.id}/amend`)}>
                        <label for={`${id}-amendment`}>{t('meetings.register.fields.amendment_kind')}</label>
                        <select id={`${id}-amendment`} name="amendmentKind">
                          {AMENDMENT_KINDS.map((k) => (
                            <option value={k}>{t(`meetings.register.amendment.${k}`)}</option>
                          ))}
                        </select>
                        <label for={`${id}-amend-date`}>{t('meetings.register.fields.date')}</label>
                        <input type="date" id={`${id}-amend-date`} name="documentDate" />
                        <label for={`${id}-amend-locale`}>{t('meetings.register.fields.language')}</label>
                        <select id={`${id}-amend-locale`} name="locale">
                          {languageOptions.map((o) => (
                            <option value={o.value}>{o.label}</option>
                          ))}
                        </select>
                        <label for={`${id}-amend-file`}>{t('meetings.register.fields.file')}</label>
                        <input type="file" id={`${id}-amend-file`} name="file" accept=".pdf,.docx,.odt,.xlsx,.pptx" />
                        <input type="checkbox" id={`${id}-amend-register`} name="register" value="yes" checked />
                        <label for={`${id}-amend-register`}>{t('meetings.register.admin.register_now')}</label>
                        <button type="submit" class="button button-secondary">
                          {t('meetings.register.admin.amend')}
                        </button>
                      </UploadForm>
                    )}
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6}>{t('meetings.register.list.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>

      <h2 id="new-document">{t('meetings.register.admin.new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <form method="post" action={view.href(base)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <Select form={form} name="kind" label={labels.kind as string} required options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`meetings.register.kind.${k}`) }))} />
        {LOCALES.map((l) => (
          <Field form={form} name={`title_${l}`} label={labels[`title_${l}`] as string} maxLength={500} dir={l === 'ar' ? 'rtl' : 'auto'} />
        ))}
        <Select form={form} name="originalLanguage" label={labels.originalLanguage as string} required options={languageOptions} />
        <Select
          form={form}
          name="sourceKind"
          label={labels.sourceKind as string}
          required
          options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`meetings.register.source.${k}`) }))}
        />
        <Select
          form={form}
          name="sourceCountry"
          label={labels.sourceCountry as string}
          hint={t('meetings.register.admin.country_hint')}
          placeholder={t('meetings.register.admin.no_country')}
          options={countries.map((c) => ({ value: c, label: countryName(c, view.locale) })).sort((a, b) => a.label.localeCompare(b.label, view.locale))}
        />
        <Field form={form} name="sourceName" label={labels.sourceName as string} hint={t('meetings.register.admin.source_name_hint')} maxLength={300} />
        <Select
          form={form}
          name="agendaItemId"
          label={labels.agendaItemId as string}
          placeholder={t('meetings.register.filters.any_item')}
          options={agendaItems.map((i) => ({ value: String(i.id), label: `${i.number} ${view.localize(i.title)}` }))}
        />
        <Field form={form} name="documentDate" type="date" label={labels.documentDate as string} required />
        <fieldset>
          <legend>{labels.files}</legend>
          {form.errors.files && (
            <p class="field-error" id="field-files">
              {form.errors.files}
            </p>
          )}
          {LOCALES.map((l) => (
            <div class="field">
              <label for={`field-file_${l}`}>{labels[`file_${l}`]}</label>
              {form.errors[`file_${l}`] && (
                <p class="field-error" id={`field-file_${l}-error`}>
                  {form.errors[`file_${l}`]}
                </p>
              )}
              <input
                type="file"
                id={`field-file_${l}`}
                name={`file_${l}`}
                accept=".pdf,.docx,.odt,.xlsx,.pptx"
                aria-invalid={form.errors[`file_${l}`] ? 'true' : undefined}
                aria-describedby={form.errors[`file_${l}`] ? `field-file_${l}-error` : undefined}
              />
            </div>
          ))}
        </fieldset>
        <div class="field checkbox">
          <input type="checkbox" id="field-register" name="register" value="yes" checked={form.values.register === 'yes'} />
          <label for="field-register">{t('meetings.register.admin.register_now')}</label>
        </div>
        <div class="field checkbox">
          <input type="checkbox" id="field-late" name="late" value="yes" checked={form.values.late === 'yes'} />
          <label for="field-late">{t('meetings.register.admin.late')}</label>
        </div>
        {form.errors.register && <p class="field-error">{form.errors.register}</p>}
        <button type="submit" class="button">
          {t('meetings.register.admin.create')}
        </button>
      </form>
    </Layout>
  );
};
