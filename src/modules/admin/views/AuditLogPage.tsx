import { Pagination, Select, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { auditLog } from '../../../core/audit/tables.js';

type Entry = typeof auditLog.$inferSelect;
type Filter = { action: string; actor: string; subjectType: string; subjectId: string; from: string; to: string; page: number };

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'object' && Object.keys(value as object).length === 0);

const subjectOf = (e: Entry) => `${e.subjectType}${e.subjectId ? ` #${e.subjectId}` : ''}`;

/**
 * A record's state before or after the action: a scroll region of its own (reachable and
 * scrollable from the keyboard, named for screen readers) when there is one; the word "none" when
 * there is nothing, rather than an empty grey box.
 */
const JsonBox = ({ view, entry, value, label }: { view: ViewContext; entry: Entry; value: unknown; label: 'admin.audit.before_of' | 'admin.audit.after_of' }) =>
  isEmpty(value) ? (
    <span class="muted">{view.t('admin.audit.none')}</span>
  ) : (
    <pre class="json" dir="ltr" tabindex={0} role="region" aria-label={view.t(label, { subject: subjectOf(entry), when: view.fmt.dateTime(entry.at) })}>
      {JSON.stringify(value, null, 1)}
    </pre>
  );

export const AuditLogPage = ({
  view,
  items,
  total,
  filter,
  actions,
  pageSize,
}: {
  view: ViewContext;
  items: Entry[];
  total: number;
  filter: Filter;
  actions: string[];
  pageSize: number;
}) => {
  const { t } = view;
  const form = { values: { ...filter, page: undefined }, errors: {} };
  return (
    <Layout view={view} title={t('admin.audit.title')} wide>
      <h1>{t('admin.audit.title')}</h1>
      <form method="get" action={view.href('/admin/audit')} class="filters" role="search">
        <Select form={form} name="action" label={t('admin.audit.action')} options={actions.map((a) => ({ value: a, label: a }))} placeholder={t('admin.audit.any')} />
        <div class="field">
          <label for="audit-actor">{t('admin.audit.actor')}</label>
          <input id="audit-actor" name="actor" type="search" value={filter.actor} />
        </div>
        <div class="field">
          <label for="audit-subject-type">{t('admin.audit.subject_type')}</label>
          <input id="audit-subject-type" name="subjectType" value={filter.subjectType} />
        </div>
        <div class="field">
          <label for="audit-subject-id">{t('admin.audit.subject_id')}</label>
          <input id="audit-subject-id" name="subjectId" value={filter.subjectId} />
        </div>
        <div class="field">
          <label for="audit-from">{t('admin.audit.from')}</label>
          <input id="audit-from" name="from" type="date" value={filter.from} />
        </div>
        <div class="field">
          <label for="audit-to">{t('admin.audit.to')}</label>
          <input id="audit-to" name="to" type="date" value={filter.to} />
        </div>
        <button type="submit" class="button">
          {t('admin.audit.filter')}
        </button>
      </form>
      <p>{t('admin.audit.count', { count: total })}</p>
      <Table
        caption={t('admin.audit.title')}
        empty={t('admin.audit.empty')}
        rows={items}
        columns={[
          { header: t('admin.audit.when'), cell: (e) => <time datetime={e.at.toISOString()}>{view.fmt.dateTime(e.at)}</time> },
          { header: t('admin.audit.actor'), cell: (e) => <span dir="ltr">{e.actorEmail ?? t('admin.audit.system')}</span> },
          { header: t('admin.audit.action'), cell: (e) => <code>{e.action}</code> },
          { header: t('admin.audit.subject'), cell: (e) => <bdi>{subjectOf(e)}</bdi> },
          { header: t('admin.audit.before'), cell: (e) => <JsonBox view={view} entry={e} value={e.before} label="admin.audit.before_of" /> },
          { header: t('admin.audit.after'), cell: (e) => <JsonBox view={view} entry={e} value={e.after} label="admin.audit.after_of" /> },
        ]}
      />
      <Pagination view={view} page={filter.page} pageSize={pageSize} total={total} baseHref={view.href('/admin/audit')} query={{ ...filter, page: undefined }} />
    </Layout>
  );
};
