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
import type { Duplicate, HistoryStep } from '../queries.js';
import { Changes } from './Changes.js';
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
};

/** One entry (or proposed change) as a moderator reviews it, with the decision form. */
export const ReviewPage = ({ view, id, state, content, changes, submitter, organization, hints, duplicates, steps, decidable, form }: ReviewPageProps) => {
  const { t } = view;
  const title = view.localizeWithLocale(content.title);
  const summary = view.localizeWithLocale(content.summary);
  const description = view.localizeWithLocale(content.description);
  return (
    <Layout view={view} title={title.text}>
      <p class="breadcrumb">
        <a href={view.href('/admin/stocktaking')}>{t('stocktaking.moderation.queue_title')}</a>
      </p>
      <h1 lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
        {title.text}
      </h1>
      <p>
        {t('stocktaking.entry.state_is', { state: t(`stocktaking.states.${state}`) })} <a href={view.href(`/stocktaking/${id}`)}>{t('stocktaking.moderation.public_page')}</a> ·{' '}
        <a href={view.href(`/stocktaking/${id}/history`)}>{t('stocktaking.entry.history_link')}</a>
      </p>
      <ErrorSummary view={view} form={form} labels={{ decision: t('stocktaking.moderation.decision'), comment: t('stocktaking.moderation.comment') }} />

      <h2>{t('stocktaking.moderation.hints')}</h2>
      <HintList view={view} hints={hints} duplicates={duplicates} />

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
          {submitter.name ?? t('stocktaking.moderation.deleted_user')}
          {submitter.email && (
            <>
              {' '}
              (<a href={`mailto:${submitter.email}`}>{submitter.email}</a>)
            </>
          )}
        </dd>
        <dt>{t('stocktaking.entry.organization')}</dt>
        <dd>{organization ?? t('stocktaking.entry.no_organization')}</dd>
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
        <dt>{t('stocktaking.entry.lead_country')}</dt>
        <dd>{countryName(content.leadCountry, view.locale)}</dd>
        <dt>{t('stocktaking.entry.website')}</dt>
        <dd>{content.website ?? t('stocktaking.moderation.empty_value')}</dd>
      </dl>
      <h3>{t('stocktaking.submission.summary')}</h3>
      <p lang={summary.locale === view.locale ? undefined : summary.locale} dir="auto">
        {summary.text}
      </p>
      {description.text && (
        <>
          <h3>{t('stocktaking.entry.description')}</h3>
          <div lang={description.locale === view.locale ? undefined : description.locale} dir="auto">
            <Markdown text={description.text} />
          </div>
        </>
      )}

      <h2>{t('stocktaking.moderation.steps')}</h2>
      <ol class="timeline">
        {steps.map((s) => (
          <li>
            <time datetime={s.at.toISOString()}>{view.fmt.dateTime(s.at)}</time> — {t(`stocktaking.moderation.event_${s.kind.replace(/-/g, '_')}`)}
            {s.actorName && <> ({s.actorName})</>}
            {s.comment && <q dir="auto"> {s.comment}</q>}
          </li>
        ))}
      </ol>

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
              placeholder={t('core.form.choose')}
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
