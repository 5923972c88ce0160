import { Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { TaskRow } from '../queries.js';
import { trafficLight } from '../rules.js';
import { Day, LightBadge, TaskText } from './parts.js';

/** Tasks as a data table: number, title, line, owner, start, deadline, light (shape and word). */
export const TaskTable = ({ view, tasks, now, caption, empty }: { view: ViewContext; tasks: TaskRow[]; now: Date; caption: string; empty: string }) => {
  const { t } = view;
  return (
    <Table
      caption={caption}
      empty={empty}
      rows={tasks}
      columns={[
        { header: t('roadmaps.tasks.number'), numeric: true, cell: (r) => <span dir="ltr">{`#${r.id}`}</span> },
        {
          header: t('roadmaps.tasks.title'),
          rowHeader: true,
          cell: (r) => (
            <a href={view.href(`/roadmaps/tasks/${r.id}`)}>
              <TaskText view={view} value={r.title} />
            </a>
          ),
        },
        { header: t('roadmaps.tasks.action_line'), cell: (r) => <span dir="ltr">{r.actionLine}</span> },
        {
          header: t('roadmaps.tasks.owner'),
          cell: (r) =>
            r.ownerName ? (
              <>
                <bdi>{r.ownerName}</bdi> ({t(`roadmaps.tasks.bureau_${r.ownerBureau}`)})
              </>
            ) : (
              t(`roadmaps.tasks.bureau_${r.ownerBureau}`)
            ),
        },
        { header: t('roadmaps.tasks.starts_on'), cell: (r) => <Day view={view} day={r.startsOn} /> },
        { header: t('roadmaps.tasks.deadline'), cell: (r) => <Day view={view} day={r.deadline} /> },
        { header: t('roadmaps.tasks.light'), cell: (r) => <LightBadge view={view} light={trafficLight(r, now)} /> },
      ]}
    />
  );
};
