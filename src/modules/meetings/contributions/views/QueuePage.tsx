import { LocalTime, PostButton } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { ContributionMeeting, CurrentFile, QueuedContribution } from '../queries.js';
import { isLate } from '../rules.js';
import { meetingCode, meetingPath, sourceText } from './labels.js';

type Item = QueuedContribution & { files: CurrentFile[]; agendaNumber: string | null };

/**
 * The secretariat's queue of a meeting: each contribution with its files (download links) and its
 * actions: register (with "register as late" when it came after the deadline), reject with a
 * reason, publish once registered. `errors` holds the message of a refused action, by document id.
 */
export const QueuePage = ({ view, meeting, items, errors }: { view: ViewContext; meeting: ContributionMeeting; items: Item[]; errors: Record<number, string> }) => {
  const { t } = view;
  const title = t('meetings.contributions.queue.title', { meeting: meetingCode(meeting) });
  const base = `/admin${meetingPath(meeting)}/contributions`;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        {t('meetings.contributions.form.deadline')} <LocalTime view={view} value={meeting.deadline} />
      </p>
      {items.length === 0 && <p class="empty">{t('meetings.contributions.queue.empty')}</p>}
      {items.map((c) => {
        const late = c.status === 'submitted' && isLate(meeting.deadline, c.submittedAt);
        const heading = view.localizeWithLocale(c.title);
        const error = errors[c.id];
        return (
          <section class="card" aria-labelledby={`contribution-${c.id}`}>
            <h2 id={`contribution-${c.id}`}>
              <span lang={heading.locale === view.locale ? undefined : heading.locale} dir="auto">
                {heading.text}
              </span>
            </h2>
            {error && (
              <p class="error-message" role="alert" id={`contribution-${c.id}-error`}>
                {error}
              </p>
            )}
            <dl class="details">
              <dt>{t('meetings.contributions.receipt.status')}</dt>
              <dd>
                {t(`meetings.contributions.status.${c.status}`)}
                {c.symbol && (
                  <>
                    {' — '}
                    <span dir="ltr">{c.symbol}</span>
                  </>
                )}
                {(late || c.late) && <> ({t('meetings.contributions.status.late')})</>}
              </dd>
              <dt>{t('meetings.contributions.receipt.source')}</dt>
              <dd dir="auto">{sourceText(view, c)}</dd>
              {c.agendaNumber && (
                <>
                  <dt>{t('meetings.contributions.form.agenda_item')}</dt>
                  <dd>{c.agendaNumber}</dd>
                </>
              )}
              <dt>{t('meetings.contributions.form.original_language')}</dt>
              <dd>{languageName(view, c.originalLanguage)}</dd>
              <dt>{t('meetings.contributions.receipt.submitted_at')}</dt>
              <dd>
                <LocalTime view={view} value={c.submittedAt} />
              </dd>
              {c.status === 'submitted' && c.statusNote && (
                <>
                  <dt>{t('meetings.contributions.form.note')}</dt>
                  <dd dir="auto">{c.statusNote}</dd>
                </>
              )}
              <dt>{t('meetings.contributions.receipt.files')}</dt>
              <dd>
                <ul>
                  {c.files.map((f) => (
                    <li>
                      <a href={view.href(`${base}/${c.id}/files/${f.locale}`)} download>
                        {languageName(view, f.locale)}
                      </a>{' '}
                      (<span dir="auto">{f.fileName}</span>, {view.fmt.number(Math.ceil(f.size / 1024))} KB)
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
            {c.status === 'submitted' && (
              <>
                <form method="post" action={view.href(`${base}/${c.id}/register`)} class="inline-form" novalidate>
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  {late && (
                    <div class="checkbox">
                      <input type="checkbox" id={`late-${c.id}`} name="late" value="yes" aria-describedby={error ? `contribution-${c.id}-error` : undefined} />
                      <label for={`late-${c.id}`}>{t('meetings.contributions.queue.register_late')}</label>
                    </div>
                  )}
                  <button type="submit" class="button">
                    {t('meetings.contributions.queue.register')}
                  </button>
                </form>
                <form method="post" action={view.href(`${base}/${c.id}/reject`)} novalidate>
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  <div class="field">
                    <label for={`reason-${c.id}`}>{t('meetings.contributions.queue.reason')}</label>
                    <textarea id={`reason-${c.id}`} name="reason" rows={2} dir="auto" />
                  </div>
                  <button type="submit" class="button button-danger">
                    {t('meetings.contributions.queue.reject')}
                  </button>
                </form>
              </>
            )}
            {c.status === 'registered' && <PostButton view={view} action={view.href(`${base}/${c.id}/publish`)} label={t('meetings.contributions.queue.publish')} />}
          </section>
        );
      })}
    </Layout>
  );
};
