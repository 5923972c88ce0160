import { Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { roadmapPath } from './parts.js';
import type { RoadmapSummary } from '../queries.js';

/** Every roadmap: its line, current version and date, and the focal points serving on it. */
export const RoadmapsPage = ({ view, roadmaps, lineTitles }: { view: ViewContext; roadmaps: RoadmapSummary[]; lineTitles: Map<string, string> }) => {
  const { t } = view;
  const title = t('roadmaps.versions.list_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p>{t('roadmaps.versions.list_intro')}</p>
      <p>
        <a href={view.href('/roadmaps/focal-points')}>{t('roadmaps.focal_points.public_title')}</a>
      </p>
      <Table
        caption={t('roadmaps.versions.list_caption')}
        empty={t('roadmaps.versions.list_empty')}
        rows={roadmaps}
        columns={[
          {
            header: t('roadmaps.versions.action_line'),
            rowHeader: true,
            cell: (r) => (
              <a href={view.href(roadmapPath(r.actionLine))}>
                <span dir="ltr">{r.actionLine}</span> <bdi>{lineTitles.get(r.actionLine) ?? ''}</bdi>
              </a>
            ),
          },
          { header: t('roadmaps.versions.current_version'), numeric: true, cell: (r) => (r.current ? view.fmt.number(r.current.number) : t('roadmaps.versions.none_current')) },
          { header: t('roadmaps.versions.current_since'), cell: (r) => (r.current?.since ? view.fmt.date(r.current.since) : '') },
          {
            header: t('roadmaps.versions.focal_points'),
            cell: (r) =>
              r.focalPoints.length === 0 ? (
                t('roadmaps.versions.none')
              ) : (
                <ul class="plain">
                  {r.focalPoints.map((f) => (
                    <li>
                      <bdi>{f.name}</bdi> ({t(`roadmaps.focal_points.bureau_${f.bureau}`)})
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Layout>
  );
};
