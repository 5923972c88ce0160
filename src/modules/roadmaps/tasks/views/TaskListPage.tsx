import { Pagination } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { BUREAUX, TASK_STATUSES } from '../../tables.js';
import type { TaskRow } from '../queries.js';
import { TaskTable } from './TaskTable.js';

export type ListQuery = { status?: string; bureau?: string; late?: string; stale?: string; target?: string; line?: string };

/**
 * One list of tasks with its filters (plain GET form): reported status, owner bureau, late,
 * stale, SDG target, action line; the same filters give the CSV and XLSX. "My tasks" is the same
 * page without the filter form.
 */
export const TaskListPage = ({
  view,
  title,
  lead,
  tasks,
  total,
  page,
  pageSize,
  query,
  lines,
  now,
  basePath,
  filters = true,
}: {
  view: ViewContext;
  title: string;
  lead: string;
  tasks: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
  query: ListQuery;
  lines: string[];
  now: Date;
  basePath: string;
  filters?: boolean;
}) => {
  const { t } = view;
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  const qs = params.toString() ? `?${params.toString()}` : '';
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {filters && (
        <form method="get" action={view.href(basePath)} class="filters">
          <fieldset>
            <legend>{t('roadmaps.tasks.filters')}</legend>
            <div class="field">
              <label for="filter-status">{t('roadmaps.tasks.status')}</label>
              <select id="filter-status" name="status">
                <option value="">{t('roadmaps.tasks.any')}</option>
                {TASK_STATUSES.map((s) => (
                  <option value={s} selected={query.status === s}>
                    {t(`roadmaps.tasks.status_${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-bureau">{t('roadmaps.tasks.owner_bureau')}</label>
              <select id="filter-bureau" name="bureau">
                <option value="">{t('roadmaps.tasks.any')}</option>
                {BUREAUX.map((b) => (
                  <option value={b} selected={query.bureau === b}>
                    {t(`roadmaps.tasks.bureau_${b}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-line">{t('roadmaps.tasks.action_line')}</label>
              <select id="filter-line" name="line">
                <option value="">{t('roadmaps.tasks.any')}</option>
                {lines.map((l) => (
                  <option value={l} selected={query.line === l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-target">{t('roadmaps.tasks.sdg_target')}</label>
              <input id="filter-target" name="target" value={query.target ?? ''} maxLength={20} dir="ltr" aria-describedby="filter-target-hint" />
              <p class="hint" id="filter-target-hint">
                {t('roadmaps.tasks.sdg_target_hint')}
              </p>
            </div>
            <div class="checkbox">
              <input type="checkbox" id="filter-late" name="late" value="true" checked={query.late === 'true'} />
              <label for="filter-late">{t('roadmaps.tasks.only_late')}</label>
            </div>
            <div class="checkbox">
              <input type="checkbox" id="filter-stale" name="stale" value="true" checked={query.stale === 'true'} />
              <label for="filter-stale">{t('roadmaps.tasks.only_stale')}</label>
            </div>
            <button type="submit" class="button">
              {t('roadmaps.tasks.apply_filters')}
            </button>
          </fieldset>
        </form>
      )}
      <p>{t('roadmaps.tasks.count', { count: total })}</p>
      <TaskTable view={view} tasks={tasks} now={now} caption={title} empty={t('roadmaps.tasks.empty')} />
      <Pagination view={view} page={page} pageSize={pageSize} total={total} baseHref={view.href(basePath)} query={query} />
      {filters && (
        <p>
          {t('roadmaps.tasks.download')} <a href={view.href(`/roadmaps/tasks/export.csv${qs}`)}>CSV</a> · <a href={view.href(`/roadmaps/tasks/export.xlsx${qs}`)}>XLSX</a>
        </p>
      )}
    </Layout>
  );
};
