import type { ViewContext } from '../../../../core/views/context.js';
import { DiffRuns } from '../../../../core/views/DiffRuns.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { NarrativeChange } from '../diff.js';
import type { Report } from '../queries.js';
import { adminReportPath } from './parts.js';

/** The difference of two versions' narratives, section by section and language by language. */
export const DiffPage = ({ view, report, from, to, changes }: { view: ViewContext; report: Report; from: number; to: number; changes: NarrativeChange[] }) => {
  const { t } = view;
  const title = t('reports.workflow.diff_title', { from, to });
  const sectionTitle = (id: string) => {
    const s = report.sections.find((x) => x.id === id);
    return s ? view.localize(s.title) : id;
  };
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href(adminReportPath(report.id))}>
          <bdi>{view.localize(report.title)}</bdi> ({report.year})
        </a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('reports.workflow.diff_legend')}</p>
      {changes.length === 0 ? (
        <p class="empty">{t('reports.workflow.diff_none')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={title} tabindex={0}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.workflow.section')}</th>
                <th scope="col">{t('reports.workflow.diff_change')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr>
                  <th scope="row">
                    <bdi>{sectionTitle(c.sectionId)}</bdi>
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
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
};
