import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { TaskRow } from '../queries.js';
import { TaskTable } from './TaskTable.js';
import { Timeline } from './Timeline.js';

/** A roadmap's tasks: the timeline (SVG), then the same tasks as a table. */
export const RoadmapTasksPage = ({ view, actionLine, tasks, now, canEdit }: { view: ViewContext; actionLine: string; tasks: TaskRow[]; now: Date; canEdit: boolean }) => {
  const { t } = view;
  const title = t('roadmaps.tasks.roadmap_title', { line: actionLine });
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      {canEdit && (
        <p>
          <a class="button" href={view.href(`/roadmaps/${encodeURIComponent(actionLine)}/tasks/new`)}>
            {t('roadmaps.tasks.new')}
          </a>
        </p>
      )}
      <Timeline view={view} tasks={tasks} now={now} />
      <TaskTable view={view} tasks={tasks} now={now} caption={t('roadmaps.tasks.table_caption', { line: actionLine })} empty={t('roadmaps.tasks.empty')} />
    </Layout>
  );
};
