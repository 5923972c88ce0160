import { LOCALES } from '../../../../core/i18n/locales.js';
import { Pagination, ScrollRegion } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../components/labels.js';
import { DECISIONS } from '../../inputs.js';
import type { Hint } from '../completeness.js';
import { QUEUE_KINDS, QUEUE_PAGE_SIZE, type Duplicate, type QueueFilter, type QueueItem } from '../queries.js';
import { HintList } from './HintList.js';

export type QueueRow = QueueItem & { hints: Hint[]; duplicates: Duplicate[] };

/** Moderators' queue: what awaits a decision, oldest first, with hints and a bulk decision. */
export const QueuePage = ({
  view,
  rows,
  total,
  filter,
  actionLines,
  openCall,
}: {
  view: ViewContext;
  rows: QueueRow[];
  total: number;
  filter: QueueFilter;
  actionLines: { code: string }[];
  openCall: { closesOn: string } | null;
}) => {
  const { t } = view;
  const base = view.href('/admin/stocktaking');
  const now = Date.now();
  return (
    <Layout view={view} title={t('stocktaking.moderation.queue_title')}>
      <h1>{t('stocktaking.moderation.queue_title')}</h1>
      <p>
        <a href={view.href('/admin/stocktaking/calls')}>
          {openCall ? t('stocktaking.moderation.call_open_until', { date: view.fmt.date(openCall.closesOn) }) : t('stocktaking.moderation.calls_link')}
        </a>
      </p>
      <form method="get" action={base} class="filters" role="search" aria-label={t('stocktaking.moderation.filters')}>
        <div class="field">
          <label for="queue-kind">{t('stocktaking.moderation.kind')}</label>
          <select id="queue-kind" name="kind">
            {QUEUE_KINDS.map((k) => (
              <option value={k} selected={filter.kind === k}>
                {t(`stocktaking.moderation.kind_${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="queue-language">{t('stocktaking.moderation.language')}</label>
          <select id="queue-language" name="language">
            <option value="">{t('stocktaking.moderation.any')}</option>
            {LOCALES.map((l) => (
              <option value={l} selected={filter.language === l}>
                {languageName(view, l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="queue-line">{t('stocktaking.facets.action_line')}</label>
          <select id="queue-line" name="actionLine">
            <option value="">{t('stocktaking.moderation.any')}</option>
            {actionLines.map((l) => (
              <option value={l.code} selected={filter.actionLine === l.code}>
                {l.code}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="queue-q">{t('stocktaking.moderation.title_contains')}</label>
          <input id="queue-q" type="search" name="q" value={filter.q ?? ''} maxLength={200} />
        </div>
        <button type="submit" class="button button-secondary">
          {t('stocktaking.moderation.apply_filters')}
        </button>
      </form>

      {rows.length === 0 ? (
        <p class="empty">{t('stocktaking.moderation.queue_empty')}</p>
      ) : (
        <form method="post" action={`${base}/decisions`} novalidate>
          <input type="hidden" name="_csrf" value={view.csrfToken} />
          <ScrollRegion label={t('stocktaking.moderation.queue_caption', { count: total })}>
            <table>
              <caption>{t('stocktaking.moderation.queue_caption', { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('stocktaking.moderation.select')}</th>
                  <th scope="col">{t('stocktaking.submission.field_title')}</th>
                  <th scope="col">{t('stocktaking.moderation.kind')}</th>
                  <th scope="col">{t('stocktaking.moderation.submitted_by')}</th>
                  <th scope="col">{t('stocktaking.moderation.waiting')}</th>
                  <th scope="col">{t('stocktaking.moderation.hints')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const title = view.localizeWithLocale(r.content.title);
                  const days = Math.max(0, Math.floor((now - r.waitingSince.getTime()) / 86_400_000));
                  return (
                    <tr>
                      <td>
                        <input type="checkbox" name="ids" value={String(r.id)} id={`select-${r.id}`} aria-label={t('stocktaking.moderation.select_entry', { title: title.text })} />
                      </td>
                      <td>
                        <a href={`${base}/${r.id}`} lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
                          {title.text}
                        </a>
                      </td>
                      <td>{r.kind === 'new' ? t('stocktaking.moderation.kind_new') : t('stocktaking.moderation.kind_revision')}</td>
                      <td>{r.submitterName ? <bdi>{r.submitterName}</bdi> : t('stocktaking.moderation.deleted_user')}</td>
                      <td>
                        <time datetime={r.waitingSince.toISOString()}>{view.fmt.date(r.waitingSince)}</time>
                        <br />
                        <small>{t('stocktaking.moderation.days_waiting', { days })}</small>
                      </td>
                      <td>
                        <HintList view={view} hints={r.hints} duplicates={r.duplicates} compact />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <Pagination
            view={view}
            page={filter.page}
            pageSize={QUEUE_PAGE_SIZE}
            total={total}
            baseHref={base}
            query={{ kind: filter.kind, language: filter.language, actionLine: filter.actionLine, q: filter.q }}
          />
          <fieldset>
            <legend>{t('stocktaking.moderation.bulk_legend')}</legend>
            <div class="field">
              <label for="bulk-decision">{t('stocktaking.moderation.decision')}</label>
              <select id="bulk-decision" name="decision" required>
                <option value="">{t('stocktaking.moderation.decision_placeholder')}</option>
                {DECISIONS.map((d) => (
                  <option value={d}>{t(`stocktaking.moderation.decision_${d}`)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="bulk-comment">{t('stocktaking.moderation.comment')}</label>
              <p class="hint" id="bulk-comment-hint">
                {t('stocktaking.moderation.comment_hint')}
              </p>
              <textarea id="bulk-comment" name="comment" rows={3} maxLength={5000} aria-describedby="bulk-comment-hint" dir="auto" />
            </div>
            <button type="submit" class="button">
              {t('stocktaking.moderation.bulk_button')}
            </button>
          </fieldset>
        </form>
      )}
    </Layout>
  );
};
