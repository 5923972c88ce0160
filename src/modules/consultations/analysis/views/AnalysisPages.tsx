/**
 * The analysts' pages of one consultation (no script needed): search of the free texts with
 * coding from the result, the campaigns and the texts of one, the codebook, and the coding of one
 * text. Texts are shown in their own language (lang, dir="auto").
 */
import type { ComponentChildren } from 'preact';
import { LOCALES, type Locale, type Localized } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { CampaignRow, TextHit, ThemeRow } from '../queries.js';

export type AnalysisTab = 'search' | 'campaigns' | 'themes';

/** What every page of the analysis knows of its consultation. */
export type AnalysisContext = {
  view: ViewContext;
  consultation: { id: number; title: Localized };
  /** Question id → its label in the reader's language. */
  questions: Map<string, string>;
};

const base = (c: AnalysisContext) => `/admin/consultations/${c.consultation.id}/analysis`;

/** Longest excerpt of a text in a list (characters). */
const EXCERPT = 400;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

const TextBody = ({ text, language }: { text: string; language: Locale }) => (
  <span lang={language} dir="auto">
    {excerpt(text)}
  </span>
);

const AnalysisLayout = ({ context, tab, title, children }: { context: AnalysisContext; tab?: AnalysisTab; title: string; children: ComponentChildren }) => {
  const { view, consultation } = context;
  const { t } = view;
  const tabs: [AnalysisTab, string][] = [
    ['search', t('consultations.analysis.tab_search')],
    ['campaigns', t('consultations.analysis.tab_campaigns')],
    ['themes', t('consultations.analysis.tab_themes')],
  ];
  const paths: Record<AnalysisTab, string> = { search: base(context), campaigns: `${base(context)}/campaigns`, themes: `${base(context)}/themes` };
  return (
    <Layout view={view} title={`${title} — ${view.localize(consultation.title)}`}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/consultations/${consultation.id}`)}>{view.localize(consultation.title)}</a>
      </p>
      <h1>{title}</h1>
      <nav aria-label={t('consultations.analysis.nav_label')}>
        <ul class="tabs">
          {tabs.map(([key, label]) => (
            <li>
              <a href={view.href(paths[key])} aria-current={key === tab ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
};

const questionOptions = (context: AnalysisContext) => [...context.questions].map(([value, label]) => ({ value, label }));

const themeNames = (view: ViewContext, themes: ThemeRow[], ids: number[] | undefined) =>
  (ids ?? [])
    .map((id) => themes.find((theme) => theme.id === id))
    .filter((theme): theme is ThemeRow => Boolean(theme))
    .map((theme) => view.localize(theme.label))
    .join(', ');

/** Search of the free texts, and tagging every match with a theme. */
export const SearchPage = ({
  context,
  form,
  result,
  themes,
  coded,
  bulkForm,
}: {
  context: AnalysisContext;
  form: FormState;
  result: { items: TextHit[]; total: number } | null;
  themes: ThemeRow[];
  coded: Map<string, number[]>;
  bulkForm: FormState;
}) => {
  const { view } = context;
  const { t } = view;
  const q = String(form.values.q ?? '');
  const question = String(form.values.question ?? '');
  return (
    <AnalysisLayout context={context} tab="search" title={t('consultations.analysis.search_title')}>
      <form method="get" action={view.href(base(context))} role="search">
        <Field form={form} name="q" type="search" label={t('consultations.analysis.query')} hint={t('consultations.analysis.query_hint')} maxLength={200} dir="auto" />
        <Select
          form={form}
          name="question"
          label={t('consultations.analysis.question')}
          options={questionOptions(context)}
          placeholder={t('consultations.analysis.all_questions')}
        />
        <button type="submit" class="button">
          {t('consultations.analysis.search_button')}
        </button>
      </form>
      {result && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('consultations.analysis.results_count', { count: result.total })}</h2>
          <Table
            caption={t('consultations.analysis.results_caption', { q })}
            empty={t('consultations.analysis.results_empty')}
            rows={result.items}
            columns={[
              {
                header: t('consultations.analysis.answer'),
                cell: (h) => (
                  <a href={view.href(`${base(context)}/answers/${h.answerId}/${encodeURIComponent(h.questionId)}`)}>
                    {t('consultations.analysis.answer_number', { id: h.answerId })}
                  </a>
                ),
                rowHeader: true,
              },
              { header: t('consultations.analysis.question'), cell: (h) => context.questions.get(h.questionId) ?? h.questionId },
              { header: t('consultations.analysis.text'), cell: (h) => <TextBody text={h.body} language={h.language} /> },
              {
                header: t('consultations.analysis.campaign'),
                cell: (h) =>
                  h.campaignId === null ? (
                    t('consultations.analysis.no_campaign')
                  ) : (
                    <a href={view.href(`${base(context)}/campaigns/${h.campaignId}`)}>{t('consultations.analysis.campaign_number', { id: h.campaignId })}</a>
                  ),
              },
              { header: t('consultations.analysis.themes'), cell: (h) => themeNames(view, themes, coded.get(`${h.answerId}:${h.questionId}`)) },
            ]}
          />
          {result.total > 0 && themes.length > 0 && (
            <section aria-labelledby="bulk-title">
              <h2 id="bulk-title">{t('consultations.analysis.bulk_title')}</h2>
              <ErrorSummary view={view} form={bulkForm} labels={{ theme: t('consultations.analysis.theme') }} />
              <PostForm view={view} action={view.href(`${base(context)}/bulk-tag`)}>
                <input type="hidden" name="q" value={q} />
                <input type="hidden" name="question" value={question} />
                <Select
                  form={bulkForm}
                  name="theme"
                  label={t('consultations.analysis.theme')}
                  hint={t('consultations.analysis.bulk_hint', { count: result.total })}
                  options={themes.map((theme) => ({ value: String(theme.id), label: view.localize(theme.label) }))}
                  required
                />
                <button type="submit" class="button">
                  {t('consultations.analysis.bulk_button')}
                </button>
              </PostForm>
            </section>
          )}
        </section>
      )}
    </AnalysisLayout>
  );
};

/** The campaigns: groups of near-identical texts, largest first. */
export const CampaignsPage = ({ context, campaigns }: { context: AnalysisContext; campaigns: CampaignRow[] }) => {
  const { view } = context;
  const { t } = view;
  return (
    <AnalysisLayout context={context} tab="campaigns" title={t('consultations.analysis.campaigns_title')}>
      <p>{t('consultations.analysis.campaigns_intro')}</p>
      <Table
        caption={t('consultations.analysis.campaigns_caption')}
        empty={t('consultations.analysis.campaigns_empty')}
        rows={campaigns}
        columns={[
          {
            header: t('consultations.analysis.campaign'),
            cell: (c) => <a href={view.href(`${base(context)}/campaigns/${c.id}`)}>{t('consultations.analysis.campaign_number', { id: c.id })}</a>,
            rowHeader: true,
          },
          { header: t('consultations.analysis.question'), cell: (c) => context.questions.get(c.questionId) ?? c.questionId },
          { header: t('consultations.analysis.size'), cell: (c) => view.fmt.number(c.size), numeric: true },
          { header: t('consultations.analysis.representative'), cell: (c) => <TextBody text={c.representativeText} language={c.language} /> },
        ]}
      />
      <PostForm view={view} action={view.href(`${base(context)}/campaigns/regroup`)}>
        <p class="hint">{t('consultations.analysis.regroup_hint')}</p>
        <button type="submit" class="button button-secondary">
          {t('consultations.analysis.regroup_button')}
        </button>
      </PostForm>
    </AnalysisLayout>
  );
};

/** The texts of one campaign. */
export const CampaignPage = ({ context, campaign, texts }: { context: AnalysisContext; campaign: CampaignRow; texts: TextHit[] }) => {
  const { view } = context;
  const { t } = view;
  return (
    <AnalysisLayout context={context} tab="campaigns" title={t('consultations.analysis.campaign_title', { id: campaign.id, size: campaign.size })}>
      <p>
        {t('consultations.analysis.question')}
        {t('core.text.colon')}
        {context.questions.get(campaign.questionId) ?? campaign.questionId}
      </p>
      <h2>{t('consultations.analysis.representative')}</h2>
      <blockquote lang={campaign.language} dir="auto">
        {campaign.representativeText}
      </blockquote>
      <Table
        caption={t('consultations.analysis.campaign_texts_caption', { size: campaign.size })}
        empty={t('consultations.analysis.campaigns_empty')}
        rows={texts}
        columns={[
          {
            header: t('consultations.analysis.answer'),
            cell: (h) => (
              <a href={view.href(`${base(context)}/answers/${h.answerId}/${encodeURIComponent(h.questionId)}`)}>{t('consultations.analysis.answer_number', { id: h.answerId })}</a>
            ),
            rowHeader: true,
          },
          { header: t('consultations.analysis.text'), cell: (h) => <TextBody text={h.body} language={h.language} /> },
        ]}
      />
    </AnalysisLayout>
  );
};

/** The codebook: themes with their counts, and the form that adds one. */
export const ThemesPage = ({ context, themes, form }: { context: AnalysisContext; themes: ThemeRow[]; form: FormState }) => {
  const { view } = context;
  const { t } = view;
  const names = new Intl.DisplayNames([view.locale], { type: 'language' });
  return (
    <AnalysisLayout context={context} tab="themes" title={t('consultations.analysis.themes_title')}>
      <Table
        caption={t('consultations.analysis.themes_caption')}
        empty={t('consultations.analysis.themes_empty')}
        rows={themes}
        columns={[
          { header: t('consultations.analysis.theme'), cell: (theme) => view.localize(theme.label), rowHeader: true },
          { header: t('consultations.analysis.description'), cell: (theme) => view.localize(theme.description) },
          { header: t('consultations.analysis.answers_count'), cell: (theme) => view.fmt.number(theme.answers), numeric: true },
          { header: t('consultations.analysis.texts_count'), cell: (theme) => view.fmt.number(theme.texts), numeric: true },
        ]}
      />
      <h2>{t('consultations.analysis.theme_create')}</h2>
      <ErrorSummary view={view} form={form} labels={{ label: t('consultations.analysis.theme_label'), language: t('consultations.analysis.language') }} />
      <PostForm view={view} action={view.href(`${base(context)}/themes`)}>
        <Select form={form} name="language" label={t('consultations.analysis.language')} options={LOCALES.map((l) => ({ value: l, label: names.of(l) ?? l }))} required />
        <Field form={form} name="label" label={t('consultations.analysis.theme_label')} required maxLength={120} dir="auto" />
        <TextArea form={form} name="description" label={t('consultations.analysis.description')} maxLength={2000} rows={3} />
        <button type="submit" class="button">
          {t('consultations.analysis.theme_create_button')}
        </button>
      </PostForm>
    </AnalysisLayout>
  );
};

/** Coding one text: its themes as checkboxes. */
export const CodingPage = ({ context, text, themes, form }: { context: AnalysisContext; text: TextHit; themes: ThemeRow[]; form: FormState }) => {
  const { view } = context;
  const { t } = view;
  return (
    <AnalysisLayout context={context} title={t('consultations.analysis.coding_title', { id: text.answerId })}>
      <p>
        {t('consultations.analysis.question')}
        {t('core.text.colon')}
        {context.questions.get(text.questionId) ?? text.questionId}
      </p>
      <blockquote lang={text.language} dir="auto">
        {text.body}
      </blockquote>
      {text.campaignId !== null && (
        <p>
          <a href={view.href(`${base(context)}/campaigns/${text.campaignId}`)}>{t('consultations.analysis.campaign_number', { id: text.campaignId })}</a>
        </p>
      )}
      {themes.length === 0 ? (
        <p>
          <a href={view.href(`${base(context)}/themes`)}>{t('consultations.analysis.themes_empty')}</a>
        </p>
      ) : (
        <PostForm view={view} action={view.href(`${base(context)}/answers/${text.answerId}/${encodeURIComponent(text.questionId)}`)}>
          <Checkboxes
            form={form}
            name="themes"
            legend={t('consultations.analysis.themes')}
            options={themes.map((theme) => ({ value: String(theme.id), label: view.localize(theme.label) }))}
          />
          <button type="submit" class="button">
            {t('consultations.analysis.coding_save')}
          </button>
        </PostForm>
      )}
    </AnalysisLayout>
  );
};
