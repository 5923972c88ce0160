import { BarChart } from '../../../core/views/charts.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { facetLabel, type ReferenceNames } from '../components/labels.js';
import type { FacetName, Facets } from '../queries.js';
import { facetTitle } from './SearchPage.js';

export type StatisticsPageProps = { view: ViewContext; facets: Facets; names: ReferenceNames; total: number };

/** A bar of a statistics chart, and the row of its table: the value links to the entries it counts. */
type StatisticsRow = { label: string; value: number; href: string };

const CHARTS: FacetName[] = ['actionLine', 'sdg', 'region', 'stakeholderType', 'targetGroup', 'year'];

/** Public: published entries counted by action line, SDG, region, stakeholder type, target group and year. */
export const StatisticsPage = ({ view, facets, names, total }: StatisticsPageProps) => {
  const { t } = view;
  const ordered = (facet: FacetName) => {
    const rows = [...facets[facet]];
    // Codes in their natural order (C1…C11, SDG 1…17, years), other facets by count.
    if (facet === 'sdg' || facet === 'year') rows.sort((a, b) => Number(a.value) - Number(b.value));
    if (facet === 'actionLine') rows.sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }));
    return rows;
  };
  return (
    <Layout view={view} title={t('stocktaking.statistics.title')} wide>
      <p class="breadcrumb">
        <a href={view.href('/stocktaking')}>{t('stocktaking.browse.title')}</a>
      </p>
      <h1>{t('stocktaking.statistics.title')}</h1>
      <p class="lead">{t('stocktaking.statistics.lead', { count: total })}</p>
      {CHARTS.map((facet) => {
        const rows: StatisticsRow[] = ordered(facet).map((c) => ({
          label: facetLabel(view, names, facet, c.value),
          value: c.count,
          href: `${view.href('/stocktaking')}?${new URLSearchParams({ [facet]: c.value }).toString()}`,
        }));
        return (
          <BarChart<StatisticsRow>
            view={view}
            id={`chart-${facet}`}
            heading={2}
            title={t('stocktaking.statistics.by', { facet: facetTitle(view, facet) })}
            description={t('stocktaking.statistics.chart_description', { facet: facetTitle(view, facet) })}
            data={rows}
            empty={t('stocktaking.statistics.no_data')}
            table={{
              columns: [
                { header: facetTitle(view, facet), cell: (r) => <a href={r.href}>{r.label}</a>, rowHeader: true },
                { header: t('stocktaking.statistics.entries'), cell: (r) => view.fmt.number(r.value), numeric: true },
              ],
              rows,
            }}
          />
        );
      })}
    </Layout>
  );
};
