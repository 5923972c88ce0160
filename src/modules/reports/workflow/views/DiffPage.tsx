import type { ViewContext } from '../../../../core/views/context.js';
import { ChangesTable } from '../../../../core/views/ChangesTable.js';
import { Layout } from '../../../../core/views/Layout.js';
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
      <ChangesTable
        view={view}
        caption={title}
        columns={[t('reports.workflow.section'), t('reports.workflow.diff_change')]}
        rows={changes.map((c) => ({ label: <bdi>{sectionTitle(c.sectionId)}</bdi>, change: { kind: 'text', locale: c.locale, runs: c.runs } }))}
        empty={t('reports.workflow.diff_none')}
      />
    </Layout>
  );
};
