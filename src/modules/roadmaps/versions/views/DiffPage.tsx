import type { ViewContext } from '../../../../core/views/context.js';
import { type ChangeRow, ChangesTable } from '../../../../core/views/ChangesTable.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { RoadmapVersion } from '../../queries.js';
import type { VersionDiff } from '../diff.js';
import { fieldLabel, type Labels, roadmapPath, versionPath } from './parts.js';

/** The difference between two versions of a roadmap, field by field and language by language. */
export const DiffPage = ({
  view,
  actionLine,
  from,
  to,
  diff,
  labels,
}: {
  view: ViewContext;
  actionLine: string;
  from: RoadmapVersion;
  to: RoadmapVersion;
  diff: VersionDiff;
  labels: Labels;
}) => {
  const { t } = view;
  const title = t('roadmaps.versions.diff_title', { line: actionLine, from: from.number, to: to.number });
  const listValue = (field: string, v: string) => (field === 'partnerOrganizationIds' ? (labels.partners.get(Number(v)) ?? `#${v}`) : v);
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href(roadmapPath(actionLine))}>{t('roadmaps.versions.roadmap_title', { line: actionLine })}</a>
      </p>
      <h1>
        <span dir="ltr">{title}</span>
      </h1>
      <p>
        <a href={view.href(versionPath(actionLine, from.number))}>{t('roadmaps.versions.version_link', { number: from.number })}</a>
        {' → '}
        <a href={view.href(versionPath(actionLine, to.number))}>{t('roadmaps.versions.version_link', { number: to.number })}</a>
      </p>
      <p class="hint">{t('roadmaps.versions.diff_legend')}</p>
      <ChangesTable
        view={view}
        caption={title}
        columns={[t('roadmaps.versions.diff_field'), t('roadmaps.versions.diff_change')]}
        rows={[
          ...diff.texts.map((c): ChangeRow => ({ label: fieldLabel(view, c.field), change: { kind: 'text', locale: c.locale, runs: c.runs } })),
          ...diff.lists.map(
            (c): ChangeRow => ({
              label: fieldLabel(view, c.field),
              change: { kind: 'list', added: c.added.map((v) => listValue(c.field, v)), removed: c.removed.map((v) => listValue(c.field, v)) },
            }),
          ),
        ]}
        empty={t('roadmaps.versions.diff_none')}
      />
    </Layout>
  );
};
