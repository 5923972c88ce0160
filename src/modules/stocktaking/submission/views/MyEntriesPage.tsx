import { PostButton, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { EntryText } from '../../components/LocalizedEntryText.js';
import type { OwnEntry } from '../queries.js';

/** The contributor's entries in every state, with what they can do next. */
export const MyEntriesPage = ({ view, entries, canCreate, openCall }: { view: ViewContext; entries: OwnEntry[]; canCreate: boolean; openCall: { closesOn: string } | null }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('stocktaking.submission.mine_title')}>
      <h1>{t('stocktaking.submission.mine_title')}</h1>
      {openCall && <p class="notice">{t('stocktaking.moderation.call_open_until', { date: view.fmt.date(openCall.closesOn) })}</p>}
      {canCreate ? (
        <p>
          <a class="button" href={view.href('/stocktaking/new')}>
            {t('stocktaking.submission.new_title')}
          </a>
        </p>
      ) : (
        <p class="notice">{t('stocktaking.submission.verify_first')}</p>
      )}
      <Table
        caption={t('stocktaking.submission.mine_caption', { count: entries.length })}
        empty={t('stocktaking.submission.mine_empty')}
        rows={entries}
        columns={[
          {
            header: t('stocktaking.submission.field_title'),
            cell: (e) => (
              <a href={view.href(`/stocktaking/${e.id}`)}>
                <EntryText view={view} value={e.title} translations={e.translations} />
              </a>
            ),
          },
          {
            header: t('stocktaking.submission.state'),
            cell: (e) => (
              <>
                <span class={`state state-${e.state}`}>{t(`stocktaking.states.${e.state}`)}</span>
                {e.pendingRevision && (
                  <>
                    <br />
                    <small>{t('stocktaking.submission.revision_waiting')}</small>
                  </>
                )}
                {e.lastComment && (e.state === 'returned' || e.state === 'rejected') && (
                  <>
                    <br />
                    <small>
                      {t('stocktaking.submission.moderator_comment')} <q dir="auto">{e.lastComment}</q>
                    </small>
                  </>
                )}
              </>
            ),
          },
          { header: t('stocktaking.submission.updated'), cell: (e) => view.fmt.date(e.updatedAt) },
          {
            header: t('stocktaking.submission.actions'),
            cell: (e) => (
              <ul class="actions">
                {e.state !== 'rejected' && e.state !== 'submitted' && (
                  <li>
                    <a href={view.href(`/stocktaking/${e.id}/edit`)}>{t('stocktaking.submission.edit_link')}</a>
                  </li>
                )}
                <li>
                  <a href={view.href(`/stocktaking/${e.id}/history`)}>{t('stocktaking.submission.history_link')}</a>
                </li>
                {(e.state === 'draft' || e.state === 'returned') && (
                  <li>
                    <PostButton view={view} action={view.href(`/stocktaking/${e.id}/submit`)} label={t('stocktaking.submission.submit_button')} variant="secondary" />
                  </li>
                )}
              </ul>
            ),
          },
        ]}
      />
    </Layout>
  );
};
