import type { Job } from '../../../core/jobs/runner.js';
import { PostButton, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { JobCounts } from '../queries.js';

type Failure = Pick<Job, 'id' | 'name' | 'state' | 'attempts' | 'maxAttempts' | 'runAt' | 'finishedAt' | 'lastError'>;

const STATES = ['waiting', 'running', 'done', 'failed'] as const;

/** The job runner as administrators see it: counts per job and state, then the latest failures with their error and a retry button. */
export const JobsPage = ({ view, counts, failures }: { view: ViewContext; counts: JobCounts[]; failures: Failure[] }) => {
  const { t, fmt } = view;
  return (
    <Layout view={view} title={t('admin.jobs.title')} wide>
      <h1>{t('admin.jobs.title')}</h1>
      <p>{t('admin.jobs.intro')}</p>
      <Table
        caption={t('admin.jobs.by_name')}
        empty={t('admin.jobs.empty')}
        rows={counts}
        columns={[
          { header: t('admin.jobs.name'), cell: (c) => <code dir="ltr">{c.name}</code>, rowHeader: true },
          ...STATES.map((state) => ({ header: t(`admin.jobs.states.${state}`), cell: (c: JobCounts) => fmt.number(c[state]), numeric: true })),
          { header: t('admin.jobs.next_run'), cell: (c) => (c.nextRunAt ? fmt.dateTime(c.nextRunAt) : t('admin.jobs.no_next_run')) },
        ]}
      />
      <p>{t('admin.jobs.failures_intro')}</p>
      <Table
        caption={t('admin.jobs.failures')}
        empty={t('admin.jobs.failures_empty')}
        rows={failures}
        columns={[
          {
            header: t('admin.jobs.name'),
            cell: (f) => (
              <>
                <code dir="ltr">{f.name}</code> {t('admin.jobs.number', { id: String(f.id) })}
              </>
            ),
            rowHeader: true,
          },
          { header: t('admin.jobs.state'), cell: (f) => t(`admin.jobs.states.${f.state}`) },
          { header: t('admin.jobs.attempts'), cell: (f) => t('admin.jobs.attempts_of', { attempts: f.attempts, max: f.maxAttempts }) },
          { header: t('admin.jobs.next_run'), cell: (f) => (f.state === 'waiting' ? fmt.dateTime(f.runAt) : t('admin.jobs.no_next_run')) },
          { header: t('admin.jobs.failed_at'), cell: (f) => (f.finishedAt ? fmt.dateTime(f.finishedAt) : '') },
          {
            header: t('admin.jobs.error'),
            cell: (f) => {
              const [message, ...rest] = (f.lastError ?? '').split('\n');
              return (
                <>
                  <span dir="ltr">{message}</span>
                  {rest.length > 0 && (
                    <details>
                      <summary>{t('admin.jobs.error_details')}</summary>
                      <pre class="json" dir="ltr" tabindex={0} role="region" aria-label={t('admin.jobs.error_of', { id: String(f.id) })}>
                        {f.lastError}
                      </pre>
                    </details>
                  )}
                </>
              );
            },
          },
          {
            header: t('admin.jobs.action'),
            cell: (f) =>
              f.state === 'failed' ? (
                <PostButton view={view} action={view.href(`/admin/jobs/${f.id}/retry`)} label={t('admin.jobs.retry', { id: String(f.id) })} variant="secondary" />
              ) : (
                ''
              ),
          },
        ]}
      />
    </Layout>
  );
};
