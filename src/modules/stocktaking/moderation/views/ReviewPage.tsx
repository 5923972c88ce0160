import { EntryImages } from '../../components/EntryImages.js';
import { ErrorSummary, type FormState, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Markdown } from '../../../../core/views/Markdown.js';
import { countryName } from '../../../reference/queries.js';
import { languageName } from '../../components/labels.js';
import type { EntryContent } from '../../commands/entry-content.js';
import { DECISIONS } from '../../inputs.js';
import type { EntryState } from '../../tables.js';
import type { Hint } from '../completeness.js';
import type { FieldChange } from '../diff.js';
import type { ImageInfo } from '../../images/queries.js';
import type { Duplicate, HistoryStep } from '../queries.js';
import { Changes } from './Changes.js';
import { Steps } from './Steps.js';
import { HintList } from './HintList.js';

export type ReviewPageProps = {
  view: ViewContext;
  id: number;
  state: EntryState;
  content: EntryContent;
  /** Changes of the pending revision from the published version (null for a new entry). */
  changes: FieldChange[] | null;
  submitter: { name: string | null; email: string | null };
  organization: string | null;
  hints: Hint[];
  duplicates: Duplicate[];
  steps: HistoryStep[];
  decidable: boolean;
  form: FormState;
  /** The images the entry (or its proposed change) shows, in order. */
  images: ImageInfo[];
  /** What changed since the entry was returned to its submitter, for a resubmission (null otherwise). */
  resubmittedChanges: FieldChange[] | null;
};

/** A list of codes as the reader's words, or "—". */
const listOf = (view: ViewContext, values: readonly (string | number)[], label: (v: string) => string = (v) => v) =>
  values.length
    ? view.fmt.list(
        values.map((v) => label(String(v))),
        'unit',
      )
    : view.t('stocktaking.moderation.empty_value');

/** One entry (or proposed change) as a moderator reviews it, with the decision form. */
export const ReviewPage = ({
  view,
  id,
  state,
  content,
  changes,
  submitter,
  organization,
  hints,
  duplicates,
  steps,
  decidable,
  form,
  images,
  resubmittedChanges,
}: ReviewPageProps) => {
  const { t } = view;
  const title = view.localizeWithLocale(content.title);
  const summary = view.localizeWithLocale(content.summary);
  const description = view.localizeWithLocale(content.description);
  const longTexts = [
    ['stocktaking.entry.description', description],
    ['stocktaking.entry.impact', view.localizeWithLocale(content.impact)],
    ['stocktaking.entry.partners', view.localizeWithLocale(content.partners)],
  ] as const;
  return (
    <Layout view={view} title={title.text}>
      <p class="breadcrumb">
        <a href={view.href('/admin/stocktaking')}>{t('stocktaking.moderation.queue_title')}</a>
      </p>
      <h1>
        <bdi lang={title.locale === view.locale ? undefined : title.locale}>{title.text}</bdi>
      </h1>
      <p>
        {t('stocktaking.entry.state_is', { state: t(`stocktaking.states.${state}`) })} <a href={view.href(`/stocktaking/${id}`)}>{t('stocktaking.moderation.public_page')}</a> ·{' '}
        <a href={view.href(`/stocktaking/${id}/history`)}>{t('stocktaking.entry.history_link')}</a>
      </p>
      <ErrorSummary view={view} form={form} labels={{ decision: t('stocktaking.moderation.decision'), comment: t('stocktaking.moderation.comment') }} />

      <h2>{t('stocktaking.moderation.hints')}</h2>
      <HintList view={view} hints={hints} duplicates={duplicates} />

      {resubmittedChanges && (
        <>
          <h2>{t('stocktaking.moderation.changes_since_return')}</h2>
          <Changes view={view} changes={resubmittedChanges} caption={t('stocktaking.moderation.changes_since_return')} />
        </>
      )}
      {changes && (
        <>
          <h2>{t('stocktaking.moderation.proposed_changes')}</h2>
          <Changes view={view} changes={changes} caption={t('stocktaking.moderation.proposed_changes')} />
        </>
      )}

      <h2>{t('stocktaking.moderation.content')}</h2>
      <dl class="facts">
        <dt>{t('stocktaking.moderation.submitted_by')}</dt>
        <dd>
          {submitter.name ? <bdi>{submitter.name}</bdi> : t('stocktaking.moderation.deleted_user')}
          {submitter.email && (
            <>
              {' '}
              (
              <a href={`mailto:${submitter.email}`}>
                <bdi dir="ltr">{submitter.email}</bdi>
              </a>
              )
            </>
          )}
        </dd>
        <dt>{t('stocktaking.entry.organization')}</dt>
        <dd>{organization ? <bdi>{organization}</bdi> : t('stocktaking.entry.no_organization')}</dd>
        <dt>{t('stocktaking.moderation.private_contact')}</dt>
        <dd>
          {content.contactName || content.contactEmail
            ? `${content.contactName ?? ''} ${content.contactEmail ? `<${content.contactEmail}>` : ''}`.trim()
            : t('stocktaking.moderation.empty_value')}
        </dd>
        <dt>{t('stocktaking.entry.original_language')}</dt>
        <dd>{languageName(view, content.originalLanguage)}</dd>
        <dt>{t('stocktaking.facets.action_line')}</dt>
        <dd>{view.fmt.list(content.actionLines, 'unit')}</dd>
        <dt>{t('stocktaking.facets.sdg')}</dt>
        <dd>{content.sdgs.length ? view.fmt.list(content.sdgs.map(String), 'unit') : t('stocktaking.moderation.empty_value')}</dd>
        <dt>{t('stocktaking.entry.sdg_targets')}</dt>
        <dd>{listOf(view, content.sdgTargets)}</dd>
        <dt>{t('stocktaking.facets.stakeholder_type')}</dt>
        <dd>{t(`accounts.stakeholder_types.${content.stakeholderType}`)}</dd>
        <dt>{t('stocktaking.entry.lead_country')}</dt>
        <dd>{countryName(content.leadCountry, view.locale)}</dd>
        <dt>{t('stocktaking.entry.countries')}</dt>
        <dd>{listOf(view, content.countries, (c) => countryName(c, view.locale))}</dd>
        <dt>{t('stocktaking.entry.scope')}</dt>
        <dd>{t(`stocktaking.scopes.${content.scope}`)}</dd>
        <dt>{t('stocktaking.facets.target_group')}</dt>
        <dd>{listOf(view, content.targetGroups, (g) => t(`stocktaking.target_groups.${g}`))}</dd>
        <dt>{t('stocktaking.facets.status')}</dt>
        <dd>{t(`stocktaking.project_statuses.${content.projectStatus}`)}</dd>
        <dt>{t('stocktaking.submission.start_date')}</dt>
        <dd>
          {content.startDate ? <time datetime={content.startDate}>{view.fmt.date(new Date(`${content.startDate}T00:00:00Z`))}</time> : t('stocktaking.moderation.empty_value')}
        </dd>
        <dt>{t('stocktaking.submission.end_date')}</dt>
        <dd>{content.endDate ? <time datetime={content.endDate}>{view.fmt.date(new Date(`${content.endDate}T00:00:00Z`))}</time> : t('stocktaking.moderation.empty_value')}</dd>
        <dt>{t('stocktaking.entry.website')}</dt>
        <dd>{content.website ?? t('stocktaking.moderation.empty_value')}</dd>
      </dl>
      <h3>{t('stocktaking.submission.summary')}</h3>
      <p lang={summary.locale === view.locale ? undefined : summary.locale} dir="auto">
        {summary.text}
      </p>
      {longTexts.map(
        ([key, text]) =>
          text.text && (
            <>
              <h3>{t(key)}</h3>
              <div lang={text.locale === view.locale ? undefined : text.locale} dir="auto">
                <Markdown text={text.text} />
              </div>
            </>
          ),
      )}
      <h3>{t('stocktaking.submission.section_images')}</h3>
      {images.length === 0 ? <p>{t('stocktaking.moderation.empty_value')}</p> : <EntryImages view={view} images={images} />}

      <Steps view={view} steps={steps} />

      {decidable ? (
        <form method="post" action={view.href(`/admin/stocktaking/${id}/decision`)} novalidate>
          <input type="hidden" name="_csrf" value={view.csrfToken} />
          <fieldset>
            <legend>{t('stocktaking.moderation.decide_legend')}</legend>
            <Select
              form={form}
              name="decision"
              label={t('stocktaking.moderation.decision')}
              options={DECISIONS.map((d) => ({ value: d, label: t(`stocktaking.moderation.decision_${d}`) }))}
              placeholder={t('stocktaking.moderation.decision_placeholder')}
              required
            />
            <TextArea form={form} name="comment" label={t('stocktaking.moderation.comment')} hint={t('stocktaking.moderation.comment_hint')} rows={4} maxLength={5000} />
            <button type="submit" class="button">
              {t('stocktaking.moderation.decide_button')}
            </button>
          </fieldset>
        </form>
      ) : (
        <p class="notice">{t('stocktaking.moderation.nothing_to_decide')}</p>
      )}
    </Layout>
  );
};
