import type { Localized } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { FieldChange } from '../diff.js';
import type { HistoryStep } from '../queries.js';
import { Changes } from './Changes.js';
import { Steps } from './Steps.js';

export type VersionView = { number: number; state: string; createdAt: Date; decidedAt: Date | null; comment: string | null; changes: FieldChange[] | null };

/** The history of one entry for its owners and the moderators: every step, every version and what it changed. */
export const HistoryPage = ({ view, entryId, title, steps, versions }: { view: ViewContext; entryId: number; title: Localized; steps: HistoryStep[]; versions: VersionView[] }) => {
  const { t } = view;
  const heading = t('stocktaking.moderation.history_title', { title: view.localize(title) });
  return (
    <Layout view={view} title={heading}>
      <p class="breadcrumb">
        <a href={view.href(`/stocktaking/${entryId}`)}>
          <bdi>{view.localize(title)}</bdi>
        </a>
      </p>
      <h1>{heading}</h1>
      <Steps view={view} steps={steps} />
      {versions.length > 0 && (
        <>
          <h2>{t('stocktaking.moderation.versions')}</h2>
          {versions.map((v) => (
            <section class="version" aria-labelledby={`version-${v.number}`}>
              <h3 id={`version-${v.number}`}>
                {v.number === 0 ? t('stocktaking.moderation.version_first') : t('stocktaking.moderation.version_number', { number: v.number })} —{' '}
                {t(`stocktaking.moderation.revision_state_${v.state}`)}
              </h3>
              <p>
                {t('stocktaking.moderation.proposed_on', { date: view.fmt.date(v.createdAt) })}
                {v.decidedAt && v.number > 0 && ` ${t('stocktaking.moderation.decided_on', { date: view.fmt.date(v.decidedAt) })}`}
              </p>
              {v.comment && (
                <blockquote dir="auto">
                  <p>{v.comment}</p>
                </blockquote>
              )}
              {v.changes && <Changes view={view} changes={v.changes} caption={t('stocktaking.moderation.changes_caption', { number: v.number })} />}
            </section>
          ))}
        </>
      )}
    </Layout>
  );
};
