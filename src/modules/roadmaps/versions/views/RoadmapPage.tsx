import { LOCALES } from '../../../../core/i18n/locales.js';
import { Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName, LocalizedText } from '../../../../core/views/LocalizedText.js';
import type { CurrentFocalPoint } from '../../focal-points/queries.js';
import type { RoadmapVersion } from '../../queries.js';
import type { RoadmapTask } from '../queries.js';
import { adminRoadmapPath, type Labels, roadmapPath, statusLabel, VersionContent, VersionFacts, versionPath } from './parts.js';

export type RoadmapPageProps = {
  view: ViewContext;
  actionLine: string;
  lineTitle: string;
  /** The version shown: the current one on the roadmap's page, any one on a version's page. */
  version: RoadmapVersion | undefined;
  isVersionPage: boolean;
  versions: RoadmapVersion[];
  labels: Labels;
  focalPoints: CurrentFocalPoint[];
  tasks: RoadmapTask[];
  canEdit: boolean;
};

/** The versions of a roadmap, each with its page, and the form that asks for the difference between two. */
const Versions = ({ view, actionLine, versions }: { view: ViewContext; actionLine: string; versions: RoadmapVersion[] }) => {
  const { t } = view;
  const options = versions.map((v) => <option value={String(v.number)}>{t('roadmaps.versions.version_label', { number: v.number, status: statusLabel(view, v.status) })}</option>);
  return (
    <section>
      <h2>{t('roadmaps.versions.versions')}</h2>
      <ul class="link-list">
        {versions.map((v) => (
          <li>
            <a href={view.href(versionPath(actionLine, v.number))}>{t('roadmaps.versions.version_label', { number: v.number, status: statusLabel(view, v.status) })}</a>
            {v.presentedAt && ` — ${view.fmt.date(v.presentedAt)}`}
          </li>
        ))}
      </ul>
      {versions.length > 1 && (
        <form method="get" action={view.href(`${roadmapPath(actionLine)}/diff`)} class="filters">
          <div class="field">
            <label for="diff-from">{t('roadmaps.versions.diff_from')}</label>
            <select id="diff-from" name="from">
              {options.slice(1).concat(options.slice(0, 1))}
            </select>
          </div>
          <div class="field">
            <label for="diff-to">{t('roadmaps.versions.diff_to')}</label>
            <select id="diff-to" name="to">
              {options}
            </select>
          </div>
          <button type="submit" class="button">
            {t('roadmaps.versions.diff_button')}
          </button>
        </form>
      )}
    </section>
  );
};

/** A roadmap's page (its current version) or one version's page, with the other versions, focal points, tasks and the DOCX for the Council. */
export const RoadmapPage = ({ view, actionLine, lineTitle, version, isVersionPage, versions, labels, focalPoints, tasks, canEdit }: RoadmapPageProps) => {
  const { t } = view;
  const title =
    isVersionPage && version ? t('roadmaps.versions.version_title', { line: actionLine, number: version.number }) : t('roadmaps.versions.roadmap_title', { line: actionLine });
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/roadmaps')}>{t('roadmaps.versions.list_title')}</a>
        {isVersionPage && (
          <>
            {' / '}
            <a href={view.href(roadmapPath(actionLine))}>{t('roadmaps.versions.roadmap_title', { line: actionLine })}</a>
          </>
        )}
      </p>
      <h1>
        <span dir="ltr">{title}</span>
      </h1>
      <p class="lead">
        <bdi>{lineTitle}</bdi>
      </p>
      {canEdit && (
        <p>
          <a class="button button-secondary" href={view.href(adminRoadmapPath(actionLine))}>
            {t('roadmaps.versions.manage_link')}
          </a>
        </p>
      )}
      {version ? (
        <>
          {isVersionPage && version.status !== 'current' && <p class="notice">{t(`roadmaps.versions.notice_${version.status}`)}</p>}
          <VersionFacts view={view} version={version} />
          <VersionContent view={view} version={version} labels={labels} />
          {!isVersionPage && (
            <section>
              <h2>{t('roadmaps.versions.docx_title')}</h2>
              <ul class="link-list">
                {LOCALES.map((l) => (
                  <li>
                    <a href={`/${l}${roadmapPath(actionLine)}/roadmap.docx`} hreflang={l} lang={l} download>
                      {t('roadmaps.versions.docx_in', { language: languageName(view, l) })}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      ) : (
        <p class="empty">{t('roadmaps.versions.no_current')}</p>
      )}
      {!isVersionPage && (
        <>
          <section>
            <h2>{t('roadmaps.versions.focal_points')}</h2>
            {focalPoints.length === 0 ? (
              <p class="empty">{t('roadmaps.versions.none')}</p>
            ) : (
              <ul>
                {focalPoints.map((f) => (
                  <li>
                    <bdi>{f.name}</bdi> ({t(`roadmaps.focal_points.bureau_${f.bureau}`)})
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2>{t('roadmaps.versions.tasks')}</h2>
            <Table
              caption={t('roadmaps.versions.tasks_caption', { line: actionLine })}
              empty={t('roadmaps.versions.tasks_empty')}
              rows={tasks}
              columns={[
                { header: t('roadmaps.versions.task_title'), rowHeader: true, cell: (k) => <LocalizedText view={view} value={k.title} translations={{}} /> },
                { header: t('roadmaps.versions.task_bureau'), cell: (k) => t(`roadmaps.focal_points.bureau_${k.ownerBureau}`) },
                { header: t('roadmaps.versions.task_deadline'), cell: (k) => view.fmt.date(k.deadline) },
              ]}
            />
          </section>
        </>
      )}
      {versions.length > 0 && <Versions view={view} actionLine={actionLine} versions={versions} />}
    </Layout>
  );
};
