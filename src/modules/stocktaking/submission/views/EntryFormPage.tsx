import type { Localized } from '../../../../core/i18n/locales.js';
import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, type Option, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { SuggestedSdg } from '../../../reference/queries.js';
import { languageName } from '../../components/labels.js';
import type { ImageInfo } from '../../images/queries.js';
import { IMAGE_MAX_BYTES, IMAGES_PER_ENTRY } from '../../images/process.js';
import { STAKEHOLDER_TYPES, SUMMARY_MAX_WORDS, TITLE_MAX_LENGTH } from '../../inputs.js';
import type { ContributedLabel } from '../../../../core/contributions.js';
import { type EntryState, PROJECT_STATUSES, SCOPES, TARGET_GROUPS } from '../../tables.js';

export type EntryFormChoices = {
  actionLines: { code: string; parent: string | null; short: Localized }[];
  sdgs: { number: number; short: Localized }[];
  countries: { code: string; name: string }[];
  organizations: { id: number; name: string }[];
  /** What the matrix links to the action lines currently chosen in the form. */
  suggestions: SuggestedSdg[];
};

export type EntryFormPageProps = {
  view: ViewContext;
  form: FormState;
  choices: EntryFormChoices;
  /** Absent for a new entry. */
  entry?: { id: number; state: EntryState; originalLanguage: string; languages: string[]; pendingRevision: boolean; images: ImageInfo[] };
  /** SDGs that none of the chosen action lines links to (a warning, never an error). */
  unlinkedSdgs: number[];
  /** Other modules' rules for a field, by field name (the WSIS Prizes' word limits of the summary). */
  fieldHints?: Map<string, ContributedLabel[]>;
};

const values = (form: FormState, name: string) => {
  const v = form.values[name];
  return new Set(Array.isArray(v) ? v : v ? [v] : []);
};

/** Create or edit a Stocktaking entry, in one language at a time; works without JavaScript. */
export const EntryFormPage = ({ view, form, choices, entry, unlinkedSdgs, fieldHints }: EntryFormPageProps) => {
  const { t } = view;
  const title = entry ? t('stocktaking.submission.edit_title') : t('stocktaking.submission.new_title');
  const language = String(form.values.language ?? view.locale);
  const chosenSdgs = values(form, 'sdgs');
  const chosenTargets = values(form, 'sdgTargets');
  const suggestedBySdg = new Map(choices.suggestions.map((s) => [s.sdg, s]));
  const targetOptions = [...new Set([...choices.suggestions.flatMap((s) => s.targets), ...chosenTargets])];
  const labels: Record<string, string> = {
    language: t('stocktaking.submission.language'),
    title: t('stocktaking.submission.field_title'),
    summary: t('stocktaking.submission.summary'),
    description: t('stocktaking.entry.description'),
    impact: t('stocktaking.entry.impact'),
    partners: t('stocktaking.entry.partners'),
    organizationId: t('stocktaking.entry.organization'),
    stakeholderType: t('stocktaking.facets.stakeholder_type'),
    leadCountry: t('stocktaking.entry.lead_country'),
    countries: t('stocktaking.entry.countries'),
    scope: t('stocktaking.entry.scope'),
    actionLines: t('stocktaking.facets.action_line'),
    sdgs: t('stocktaking.facets.sdg'),
    sdgTargets: t('stocktaking.entry.sdg_targets'),
    targetGroups: t('stocktaking.facets.target_group'),
    status: t('stocktaking.facets.status'),
    startDate: t('stocktaking.submission.start_date'),
    endDate: t('stocktaking.submission.end_date'),
    website: t('stocktaking.entry.website'),
    contactName: t('stocktaking.submission.contact_name'),
    contactEmail: t('stocktaking.submission.contact_email'),
    image: t('stocktaking.submission.image'),
    imageAlt: t('stocktaking.submission.image_alt'),
  };
  const option = (value: string, label: string): Option => ({ value, label });
  const action = entry ? view.href(`/stocktaking/${entry.id}/edit`) : view.href('/stocktaking/new');
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/stocktaking/mine')}>{t('stocktaking.submission.mine_title')}</a>
      </p>
      <h1>{title}</h1>
      {entry?.state === 'published' && <p class="notice">{t('stocktaking.submission.published_edit_notice')}</p>}
      {entry?.pendingRevision && <p class="notice">{t('stocktaking.submission.pending_revision_notice')}</p>}
      <ErrorSummary view={view} form={form} labels={labels} />
      <form method="post" action={action} enctype="multipart/form-data" novalidate class="entry-form">
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <fieldset>
          <legend>{t('stocktaking.submission.section_text')}</legend>
          {entry ? (
            <>
              <input type="hidden" name="language" value={language} />
              <p>
                {t('stocktaking.submission.editing_language', { language: languageName(view, language) })}{' '}
                {language === entry.originalLanguage ? t('stocktaking.submission.original_marker') : t('stocktaking.submission.translation_marker')}
              </p>
              <nav aria-label={t('stocktaking.submission.other_languages')}>
                <p>{t('stocktaking.submission.other_languages')}</p>
                <ul class="inline-list">
                  {LOCALES.filter((l) => l !== language).map((l) => (
                    <li>
                      <a href={`${view.href(`/stocktaking/${entry.id}/edit`)}?language=${l}`} lang={l} hreflang={l}>
                        {languageName({ ...view, locale: l }, l)}
                      </a>{' '}
                      <small>{entry.languages.includes(l) ? t('stocktaking.submission.language_present') : t('stocktaking.submission.language_missing')}</small>
                    </li>
                  ))}
                </ul>
              </nav>
            </>
          ) : (
            <Select
              form={form}
              name="language"
              label={labels.language ?? ''}
              hint={t('stocktaking.submission.language_hint')}
              options={LOCALES.map((l) => option(l, languageName(view, l)))}
              required
            />
          )}
          <Field
            form={form}
            name="title"
            label={labels.title ?? ''}
            required
            maxLength={TITLE_MAX_LENGTH}
            dir="auto"
            hint={t('stocktaking.submission.title_hint', { max: TITLE_MAX_LENGTH })}
          />
          <TextArea
            form={form}
            name="summary"
            label={labels.summary ?? ''}
            required
            rows={6}
            hint={[t('stocktaking.submission.summary_hint', { max: SUMMARY_MAX_WORDS }), ...(fieldHints?.get('summary') ?? []).map((h) => t(h.key, h.values))].join(' ')}
          />
          <TextArea form={form} name="description" label={labels.description ?? ''} rows={10} hint={t('stocktaking.submission.markdown_hint')} />
          <TextArea form={form} name="impact" label={labels.impact ?? ''} rows={5} hint={t('stocktaking.submission.markdown_hint')} />
          <TextArea form={form} name="partners" label={labels.partners ?? ''} rows={3} hint={t('stocktaking.submission.markdown_hint')} />
        </fieldset>

        <fieldset>
          <legend>{t('stocktaking.submission.section_who')}</legend>
          {choices.organizations.length === 0 ? (
            <p class="hint">{t('stocktaking.submission.own_name')}</p>
          ) : (
            <Select
              form={form}
              name="organizationId"
              label={labels.organizationId ?? ''}
              options={choices.organizations.map((o) => option(String(o.id), o.name))}
              placeholder={choices.organizations.length > 1 ? t('stocktaking.submission.choose') : undefined}
              required
            />
          )}
          <Select
            form={form}
            name="stakeholderType"
            label={labels.stakeholderType ?? ''}
            options={STAKEHOLDER_TYPES.map((s) => option(s, t(`accounts.stakeholder_types.${s}`)))}
            placeholder={t('stocktaking.submission.choose')}
            required
          />
          <Select
            form={form}
            name="leadCountry"
            label={labels.leadCountry ?? ''}
            options={choices.countries.map((c) => option(c.code, c.name))}
            placeholder={t('stocktaking.submission.choose')}
            required
          />
          <div class={form.errors.countries ? 'field field-error' : 'field'}>
            <label for="field-countries">{labels.countries}</label>
            <p class="hint" id="field-countries-hint">
              {t('stocktaking.submission.countries_hint')}
            </p>
            {form.errors.countries && (
              <p class="error-message" id="field-countries-error">
                {form.errors.countries}
              </p>
            )}
            <select
              id="field-countries"
              name="countries"
              multiple
              size={8}
              aria-describedby={form.errors.countries ? 'field-countries-hint field-countries-error' : 'field-countries-hint'}
              aria-invalid={form.errors.countries ? 'true' : undefined}
            >
              {choices.countries.map((c) => (
                <option value={c.code} selected={values(form, 'countries').has(c.code)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <Select
            form={form}
            name="scope"
            label={labels.scope ?? ''}
            options={SCOPES.map((s) => option(s, t(`stocktaking.scopes.${s}`)))}
            placeholder={t('stocktaking.submission.choose')}
            required
          />
        </fieldset>

        <fieldset>
          <legend>{t('stocktaking.submission.section_lines')}</legend>
          <Checkboxes
            form={form}
            name="actionLines"
            legend={labels.actionLines ?? ''}
            hint={t('stocktaking.submission.action_lines_hint')}
            options={choices.actionLines.map((l) => option(l.code, `${l.parent ? '— ' : ''}${l.code} ${view.localize(l.short)}`))}
          />
          <p>
            <button type="submit" name="intent" value="suggest" class="button button-secondary">
              {t('stocktaking.submission.suggest_button')}
            </button>
          </p>
          <fieldset class={form.errors.sdgs ? 'field field-error' : 'field'} id="field-sdgs" aria-describedby="field-sdgs-hint">
            <legend>{labels.sdgs}</legend>
            <p class="hint" id="field-sdgs-hint">
              {choices.suggestions.length > 0 ? t('stocktaking.submission.sdgs_hint_suggested') : t('stocktaking.submission.sdgs_hint')}
            </p>
            {form.errors.sdgs && <p class="error-message">{form.errors.sdgs}</p>}
            {unlinkedSdgs.length > 0 && (
              <p class="warning" role="status">
                {t('stocktaking.submission.unlinked_warning', { sdgs: view.fmt.list(unlinkedSdgs.map(String)), count: unlinkedSdgs.length })}
              </p>
            )}
            {choices.sdgs.map((g) => {
              const suggestion = suggestedBySdg.get(g.number);
              const id = `field-sdgs-${g.number}`;
              return (
                <div class={suggestion ? 'checkbox suggested' : 'checkbox'}>
                  <input
                    type="checkbox"
                    id={id}
                    name="sdgs"
                    value={String(g.number)}
                    checked={chosenSdgs.has(String(g.number))}
                    aria-describedby={suggestion ? `${id}-why` : undefined}
                  />
                  <label for={id}>
                    {t('stocktaking.common.sdg_number', { number: g.number })}
                    {t('core.text.colon')}
                    {view.localize(g.short)}
                  </label>
                  {suggestion && (
                    <small class="suggestion" id={`${id}-why`}>
                      {t('stocktaking.submission.suggested_by', { lines: view.fmt.list(suggestion.actionLines, 'unit') })}
                    </small>
                  )}
                </div>
              );
            })}
          </fieldset>
          {targetOptions.length > 0 && (
            <Checkboxes
              form={form}
              name="sdgTargets"
              legend={labels.sdgTargets ?? ''}
              hint={t('stocktaking.submission.targets_hint')}
              options={targetOptions.map((code) => option(code, t('stocktaking.submission.target_code', { code })))}
            />
          )}
        </fieldset>

        <fieldset>
          <legend>{t('stocktaking.submission.section_project')}</legend>
          <Checkboxes form={form} name="targetGroups" legend={labels.targetGroups ?? ''} options={TARGET_GROUPS.map((g) => option(g, t(`stocktaking.target_groups.${g}`)))} />
          <Select
            form={form}
            name="status"
            label={labels.status ?? ''}
            options={PROJECT_STATUSES.map((s) => option(s, t(`stocktaking.project_statuses.${s}`)))}
            placeholder={t('stocktaking.submission.choose')}
            required
          />
          <Field form={form} name="startDate" type="date" label={labels.startDate ?? ''} />
          <Field form={form} name="endDate" type="date" label={labels.endDate ?? ''} />
          <Field form={form} name="website" type="url" label={labels.website ?? ''} hint={t('stocktaking.submission.website_hint')} dir="ltr" />
        </fieldset>

        <fieldset>
          <legend>{t('stocktaking.submission.section_images')}</legend>
          <p class="hint">{t('stocktaking.submission.images_hint', { max: IMAGES_PER_ENTRY, size: view.fmt.number(IMAGE_MAX_BYTES / 1024 / 1024) })}</p>
          {entry && entry.images.length > 0 && (
            <ul class="image-list">
              {entry.images.map((image) => (
                <li>
                  <img src={view.href(`/stocktaking/images/${image.id}`)} alt={view.localize(image.alt)} width={Math.min(image.width, 160)} loading="lazy" />
                  <div class="checkbox">
                    <input type="checkbox" id={`remove-image-${image.id}`} name="removeImages" value={String(image.id)} />
                    <label for={`remove-image-${image.id}`}>{t('stocktaking.submission.remove_image')}</label>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div class={form.errors.image ? 'field field-error' : 'field'}>
            <label for="field-image">{labels.image}</label>
            {form.errors.image && (
              <p class="error-message" id="field-image-error">
                {form.errors.image}
              </p>
            )}
            <input
              type="file"
              id="field-image"
              name="image"
              accept="image/png,image/jpeg,image/webp"
              aria-invalid={form.errors.image ? 'true' : undefined}
              aria-describedby={form.errors.image ? 'field-image-error' : undefined}
            />
          </div>
          <Field form={form} name="imageAlt" label={labels.imageAlt ?? ''} hint={t('stocktaking.submission.image_alt_hint')} maxLength={300} dir="auto" />
        </fieldset>

        <fieldset>
          <legend>{t('stocktaking.submission.section_contact')}</legend>
          <p class="hint">{t('stocktaking.submission.contact_hint')}</p>
          <Field form={form} name="contactName" label={labels.contactName ?? ''} autocomplete="name" />
          <Field form={form} name="contactEmail" type="email" label={labels.contactEmail ?? ''} autocomplete="email" dir="ltr" />
        </fieldset>

        <div class="form-actions">
          <button type="submit" name="intent" value="save" class="button">
            {entry?.state === 'published' ? t('stocktaking.submission.propose_button') : t('stocktaking.submission.save_button')}
          </button>
          {(!entry || entry.state === 'draft' || entry.state === 'returned') && (
            <button type="submit" name="intent" value="submit" class="button button-secondary">
              {t('stocktaking.submission.save_submit_button')}
            </button>
          )}
        </div>
      </form>
    </Layout>
  );
};
