import type { ViewContext } from '../../../../core/views/context.js';
import { DiffRuns } from '../../../../core/views/DiffRuns.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
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
      {diff.texts.length === 0 && diff.lists.length === 0 ? (
        <p class="empty">{t('roadmaps.versions.diff_none')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roadmaps.versions.diff_field')}</th>
                <th scope="col">{t('roadmaps.versions.diff_change')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.texts.map((c) => (
                <tr>
                  <th scope="row">
                    {fieldLabel(view, c.field)}
                    <br />
                    <small>{languageName(view, c.locale)}</small>
                  </th>
                  <td>
                    <p lang={c.locale} dir="auto" class="diff">
                      <DiffRuns view={view} runs={c.runs} />
                    </p>
                  </td>
                </tr>
              ))}
              {diff.lists.map((c) => (
                <tr>
                  <th scope="row">{fieldLabel(view, c.field)}</th>
                  <td>
                    <ul class="plain">
                      {c.added.map((v) => (
                        <li>
                          <ins>
                            {t('roadmaps.versions.added')}
                            {t('core.text.colon')}
                            <bdi>{listValue(c.field, v)}</bdi>
                          </ins>
                        </li>
                      ))}
                      {c.removed.map((v) => (
                        <li>
                          <del>
                            {t('roadmaps.versions.removed')}
                            {t('core.text.colon')}
                            <bdi>{listValue(c.field, v)}</bdi>
                          </del>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
};
