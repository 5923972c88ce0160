import type { Locale } from '../../../../core/i18n/locales.js';
import type { ReportBlock } from '../../../../core/reports/document.js';
import { ErrorSummary, type FormState, PostForm, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { Report, ReportComment } from '../queries.js';
import { Block, LanguageTabs, reviewPath, stateLabel } from './parts.js';

export type ReviewSection = { id: string; title: string; blocks: ReportBlock[] };

/** A comment and its answers; a comment made on an earlier version says which. */
const Thread = ({
  view,
  comment,
  answers,
  current,
  canAnswer,
  report,
  lang,
  form,
}: {
  view: ViewContext;
  comment: ReportComment;
  answers: ReportComment[];
  current: number;
  canAnswer: boolean;
  report: Report;
  lang: Locale;
  form: FormState;
}) => {
  const { t } = view;
  const answerForm = form.values.parentId === String(comment.id) ? { ...form, scope: `answer-${comment.id}` } : { values: {}, errors: {}, scope: `answer-${comment.id}` };
  return (
    <li class="comment">
      <p class="meta">
        <bdi>{comment.authorName ?? t('reports.workflow.someone')}</bdi> · {view.fmt.dateTime(comment.createdAt)}
        {comment.versionNumber !== current && (
          <>
            {' '}
            · <strong>{t('reports.workflow.on_version', { number: comment.versionNumber })}</strong>
          </>
        )}
      </p>
      <p lang={comment.locale} dir="auto">
        {comment.body}
      </p>
      {answers.length > 0 && (
        <ul class="answers">
          {answers.map((a) => (
            <li class="comment answer">
              <p class="meta">
                {t('reports.workflow.answer_by', { name: a.authorName ?? t('reports.workflow.someone') })} · {view.fmt.dateTime(a.createdAt)}
              </p>
              <p dir="auto">{a.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canAnswer && (
        <details open={answerForm.values.parentId !== undefined}>
          <summary>{t('reports.workflow.answer')}</summary>
          <PostForm view={view} action={`${view.href(`${reviewPath(report.id)}/comments`)}?lang=${lang}`}>
            <input type="hidden" name="parentId" value={String(comment.id)} />
            <input type="hidden" name="sectionId" value={comment.sectionId} />
            <input type="hidden" name="paragraph" value={String(comment.paragraph)} />
            <input type="hidden" name="locale" value={comment.locale} />
            <TextArea form={answerForm} name="body" label={t('reports.workflow.answer_label')} rows={3} maxLength={5000} />
            <button type="submit" class="button">
              {t('reports.workflow.answer_button')}
            </button>
          </PostForm>
        </details>
      )}
    </li>
  );
};

/**
 * A report in review for CWG members: each section's narrative in one language, paragraph by
 * paragraph, each with its comments (those of earlier versions marked with their number) and a
 * form to comment; the secretariat answers on the same page. One column: readable on a phone.
 */
export const ReviewPage = ({
  view,
  report,
  current,
  lang,
  sections,
  comments,
  canAnswer,
  form,
}: {
  view: ViewContext;
  report: Report;
  current: number;
  lang: Locale;
  sections: ReviewSection[];
  comments: ReportComment[];
  canAnswer: boolean;
  form: FormState;
}) => {
  const { t } = view;
  const title = t('reports.workflow.review_title', { title: view.localize(report.title), year: report.year });
  const open = report.state === 'review';
  const threads = (sectionId: string, paragraph: number) =>
    comments.filter((c) => c.parentId === null && c.sectionId === sectionId && c.paragraph === paragraph && c.locale === lang);
  const answersOf = (id: number) => comments.filter((c) => c.parentId === id);
  return (
    <Layout view={view} title={title}>
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <p>
        {t('reports.workflow.state_line', { state: stateLabel(view, report.state) })} · {t('reports.workflow.current_version', { number: current })}
      </p>
      {!open && <p class="notice">{t('reports.workflow.review_closed')}</p>}
      <LanguageTabs view={view} path={reviewPath(report.id)} current={lang} />
      <ErrorSummary view={view} form={form} labels={{ body: t('reports.workflow.comment_label') }} />
      {sections.map((s) => (
        <section aria-labelledby={`s-${s.id}`}>
          <h2 id={`s-${s.id}`}>
            <bdi>{s.title}</bdi>
          </h2>
          {s.blocks.length === 0 && <p class="empty">{t('reports.workflow.not_written', { language: languageName(view, lang) })}</p>}
          {s.blocks.map((block, i) => {
            const id = `p-${s.id}-${i}`;
            const mine = form.values.sectionId === s.id && form.values.paragraph === String(i) && !form.values.parentId;
            const commentForm = mine ? { ...form, scope: id } : { values: {}, errors: {}, scope: id };
            const found = threads(s.id, i);
            return (
              <div class="paragraph" id={id}>
                <div lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
                  <Block block={block} />
                </div>
                {found.length > 0 && (
                  <ul class="comments" aria-label={t('reports.workflow.comments_on', { number: i + 1 })}>
                    {found.map((c) => (
                      <Thread view={view} comment={c} answers={answersOf(c.id)} current={current} canAnswer={canAnswer && open} report={report} lang={lang} form={form} />
                    ))}
                  </ul>
                )}
                {open && (
                  <details open={mine}>
                    <summary>{t('reports.workflow.comment_on', { number: i + 1 })}</summary>
                    <PostForm view={view} action={`${view.href(`${reviewPath(report.id)}/comments`)}?lang=${lang}`}>
                      <input type="hidden" name="sectionId" value={s.id} />
                      <input type="hidden" name="paragraph" value={String(i)} />
                      <input type="hidden" name="locale" value={lang} />
                      <TextArea form={commentForm} name="body" label={t('reports.workflow.comment_label')} rows={3} maxLength={5000} />
                      <button type="submit" class="button">
                        {t('reports.workflow.comment_button')}
                      </button>
                    </PostForm>
                  </details>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </Layout>
  );
};
