import { LocalTime, PostButton } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { type MeetingWithGroup, meetingPath } from '../../queries.js';
import { type MeetingDocumentsData, MeetingDocumentsSection } from '../../register/views/MeetingDocumentsSection.js';
import type { AgendaItem, Decision } from '../queries.js';
import { MeetingText, MeetingTime, statusLabel } from './parts.js';

export type MeetingPageProps = {
  view: ViewContext;
  meeting: MeetingWithGroup;
  agenda: AgendaItem[];
  decisions: Decision[];
  documents: MeetingDocumentsData;
  deadlinePassed: boolean;
  /** null: not signed in (or not verified): no button, a hint instead. */
  following: boolean | null;
  canManage: boolean;
};

/**
 * Public: one meeting — title, status (cancelled said first), dates in the meeting's time zone and
 * in the reader's, place and online link, chair, deadline for contributions, agenda, documents
 * (the register's section), decisions with links to their documents, follow and contribute.
 */
export const MeetingPage = ({ view, meeting: m, agenda, decisions, documents, deadlinePassed, following, canManage }: MeetingPageProps) => {
  const { t } = view;
  const path = meetingPath(m);
  const items = new Map(agenda.map((i) => [i.id, i.number]));
  return (
    <Layout view={view} title={view.localize(m.title)}>
      <p class="breadcrumb">
        <a href={view.href('/meetings')}>{t('meetings.management.list_title')}</a>
      </p>
      <h1>
        <MeetingText view={view} value={m.title} />
      </h1>
      {m.status === 'cancelled' ? (
        <p class="warning" role="status">
          <strong>{t('meetings.management.cancelled_notice')}</strong>
        </p>
      ) : (
        <p class="lead">{t('meetings.management.status_line', { status: statusLabel(view, m.status) })}</p>
      )}
      {m.access === 'members' && <p class="notice">{t('meetings.management.members_only')}</p>}
      <dl class="facts">
        <dt>{t('meetings.management.group')}</dt>
        <dd>
          <MeetingText view={view} value={m.groupName} /> (<span dir="ltr">{m.groupCode}</span>)
        </dd>
        <dt>{t('meetings.management.number')}</dt>
        <dd>{view.fmt.number(m.number)}</dd>
        <dt>{t('meetings.management.starts')}</dt>
        <dd>
          <MeetingTime view={view} value={m.startsAt} zone={m.timeZone} />
        </dd>
        <dt>{t('meetings.management.ends')}</dt>
        <dd>
          <MeetingTime view={view} value={m.endsAt} zone={m.timeZone} />
        </dd>
        <dt>{t('meetings.management.place')}</dt>
        <dd>{Object.keys(m.place).length > 0 ? <MeetingText view={view} value={m.place} /> : t('meetings.management.online_only')}</dd>
        {m.onlineUrl && (
          <>
            <dt>{t('meetings.management.online_url')}</dt>
            <dd>
              <a href={m.onlineUrl} dir="ltr" rel="noopener noreferrer">
                {m.onlineUrl}
              </a>
            </dd>
          </>
        )}
        {m.chair && (
          <>
            <dt>{t('meetings.management.chair')}</dt>
            <dd dir="auto">{m.chair}</dd>
          </>
        )}
        {m.viceChairs.length > 0 && (
          <>
            <dt>{t('meetings.management.vice_chairs')}</dt>
            <dd>
              <ul class="inline-list">
                {m.viceChairs.map((v) => (
                  <li dir="auto">{v}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('meetings.management.deadline')}</dt>
        <dd>
          <MeetingTime view={view} value={m.contributionsDeadline} zone={m.timeZone} />
          <br />
          <strong>{t(deadlinePassed ? 'meetings.management.deadline_passed' : 'meetings.management.deadline_open')}</strong>
        </dd>
        {m.actionLines.length > 0 && (
          <>
            <dt>{t('meetings.management.action_lines')}</dt>
            <dd dir="ltr">{view.fmt.list(m.actionLines, 'unit')}</dd>
          </>
        )}
      </dl>
      <ul class="link-list">
        {(m.status === 'planned' || m.status === 'convened') && (
          <li>
            <a class="button" href={view.href(`${path}/contribute`)}>
              {t('meetings.management.contribute_link')}
            </a>
          </li>
        )}
        {canManage && (
          <li>
            <a href={view.href(`/admin/meetings/${m.id}`)}>{t('meetings.management.manage_link')}</a>
          </li>
        )}
      </ul>
      {following === null ? (
        <p class="hint">{t('meetings.management.follow_sign_in')}</p>
      ) : (
        <>
          {following && <p>{t('meetings.management.following')}</p>}
          <PostButton
            view={view}
            action={view.href(`${path}/${following ? 'unfollow' : 'follow'}`)}
            label={t(following ? 'meetings.management.unfollow' : 'meetings.management.follow')}
            variant={following ? 'secondary' : undefined}
          />
        </>
      )}
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('meetings.management.agenda')}</h2>
        {agenda.length === 0 ? (
          <p class="empty">{t('meetings.management.agenda_empty')}</p>
        ) : (
          <ul class="stack">
            {agenda.map((i) => (
              <li>
                <strong dir="ltr">{i.number}</strong> <MeetingText view={view} value={i.title} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <MeetingDocumentsSection view={view} data={documents} basePath={view.href(path)} />
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('meetings.management.decisions')}</h2>
        {decisions.length === 0 ? (
          <p class="empty">{t('meetings.management.decisions_empty')}</p>
        ) : (
          <ol class="stack">
            {decisions.map((d) => (
              <li value={d.number}>
                <MeetingText view={view} value={d.text} />
                {d.agendaItemId && items.get(d.agendaItemId) && (
                  <>
                    {' '}
                    <span class="muted">({t('meetings.management.decision_item', { item: items.get(d.agendaItemId) ?? '' })})</span>
                  </>
                )}
                {d.documents.length > 0 && (
                  <p>
                    {t('meetings.management.decision_documents')}{' '}
                    {d.documents.map((doc, i) => (
                      <>
                        {i > 0 && ' '}
                        <a href={view.href(`/documents/${encodeURIComponent(doc.symbol)}`)} dir="ltr">
                          {doc.symbol}
                        </a>
                      </>
                    ))}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p class="muted">
        {t('meetings.management.updated')} <LocalTime view={view} value={m.updatedAt} />
      </p>
    </Layout>
  );
};
