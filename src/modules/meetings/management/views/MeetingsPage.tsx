import { LocalTime, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { type MeetingWithGroup, meetingPath } from '../../queries.js';
import { MeetingText, statusLabel } from './parts.js';

export type MeetingsByGroup = { code: string; name: MeetingWithGroup['groupName']; upcoming: MeetingWithGroup[]; past: MeetingWithGroup[] };

const MeetingTable = ({ view, caption, empty, rows }: { view: ViewContext; caption: string; empty: string; rows: MeetingWithGroup[] }) => {
  const { t } = view;
  return (
    <Table
      caption={caption}
      empty={empty}
      rows={rows}
      columns={[
        { header: t('meetings.management.number'), numeric: true, cell: (m) => view.fmt.number(m.number) },
        {
          header: t('meetings.management.title'),
          rowHeader: true,
          cell: (m) => (
            <a href={view.href(meetingPath(m))}>
              <MeetingText view={view} value={m.title} />
            </a>
          ),
        },
        { header: t('meetings.management.starts'), cell: (m) => <LocalTime view={view} value={m.startsAt} /> },
        { header: t('meetings.management.place'), cell: (m) => (Object.keys(m.place).length > 0 ? <MeetingText view={view} value={m.place} /> : t('meetings.management.online')) },
        { header: t('meetings.management.status'), cell: (m) => (m.status === 'cancelled' ? <strong>{statusLabel(view, m.status)}</strong> : statusLabel(view, m.status)) },
      ]}
    />
  );
};

/** Public: the meetings of each group, upcoming (soonest first) then past (latest first). */
export const MeetingsPage = ({ view, groups }: { view: ViewContext; groups: MeetingsByGroup[] }) => {
  const { t } = view;
  const title = t('meetings.management.list_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('meetings.management.list_lead')}</p>
      {groups.length === 0 && <p class="empty">{t('meetings.management.list_empty')}</p>}
      {groups.map((g, i) => (
        <section aria-labelledby={`group-${i}`}>
          <h2 id={`group-${i}`}>
            <MeetingText view={view} value={g.name} /> (<span dir="ltr">{g.code}</span>)
          </h2>
          <MeetingTable view={view} caption={t('meetings.management.upcoming_caption')} empty={t('meetings.management.upcoming_empty')} rows={g.upcoming} />
          <MeetingTable view={view} caption={t('meetings.management.past_caption')} empty={t('meetings.management.past_empty')} rows={g.past} />
        </section>
      ))}
    </Layout>
  );
};
