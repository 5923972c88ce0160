import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { Pagination } from '../../../core/views/components.js';
import { countryName } from '../../reference/queries.js';
import { EntryBadges } from '../components/EntryBadges.js';
import { Highlight } from '../components/Highlight.js';
import { facetLabel, type ReferenceNames } from '../components/labels.js';
import { EntryText } from '../components/LocalizedEntryText.js';
import { DownloadResultsLink } from '../exports/components.js';
import { DEFAULT_PAGE_SIZE, type EntryBadge, type EntryFilters, type EntryHit, type EntrySort, FACETS, type FacetName, type Facets, SORTS } from '../queries.js';

export type SearchPageProps = {
  view: ViewContext;
  q: string;
  sort: EntrySort | undefined;
  filters: EntryFilters;
  page: number;
  pageSize: number;
  result: { items: (EntryHit & { badges: EntryBadge[] })[]; total: number; facets: Facets; typoTolerant: boolean };
  names: ReferenceNames;
  organizations: Map<number, string>;
  /** Long facets the reader asked to see in full (`more` parameter). */
  expanded?: FacetName[];
};

/** The query string of a search (filters as comma-separated lists), to keep it across links. */
export const searchQuery = ({ q, sort, filters, pageSize }: { q: string; sort?: EntrySort; filters: EntryFilters; pageSize?: number }): Record<string, string | undefined> => ({
  q: q || undefined,
  sort,
  pageSize: pageSize && pageSize !== DEFAULT_PAGE_SIZE ? String(pageSize) : undefined,
  ...Object.fromEntries(FACETS.map((f) => [f, filters[f]?.length ? filters[f]?.join(',') : undefined])),
});

const FACET_KEYS: Record<FacetName, string> = {
  actionLine: 'stocktaking.facets.action_line',
  sdg: 'stocktaking.facets.sdg',
  region: 'stocktaking.facets.region',
  country: 'stocktaking.facets.country',
  stakeholderType: 'stocktaking.facets.stakeholder_type',
  targetGroup: 'stocktaking.facets.target_group',
  status: 'stocktaking.facets.status',
  year: 'stocktaking.facets.year',
};
export const facetTitle = (view: ViewContext, facet: FacetName) => view.t(FACET_KEYS[facet]);

/** Values of a facet listed before the "other values" disclosure. */
const FACET_VALUES_SHOWN = 10;

/**
 * Public: search the Stocktaking database with facets; every control is a GET form (no JavaScript).
 * The results come first in the page and the filters after them: on a phone the reader sees the
 * results at once and reaches the filters by the link at the top; wide screens show the filters
 * beside the results.
 */
export const SearchPage = ({ view, q, sort, filters, page, pageSize, result, names, organizations, expanded = [] }: SearchPageProps) => {
  const { t } = view;
  const query = searchQuery({ q, sort, filters, pageSize });
  const hasFilters = FACETS.some((f) => (filters[f]?.length ?? 0) > 0);
  return (
    <Layout view={view} title={q ? t('stocktaking.browse.title_with_query', { q }) : t('stocktaking.browse.title')} wide>
      <h1>{t('stocktaking.browse.title')}</h1>
      <p class="lead">{t('stocktaking.browse.lead')}</p>
      <form method="get" action={view.href('/stocktaking')} class="search-form" role="search">
        <div class="field">
          <label for="field-q">{t('stocktaking.browse.search_label')}</label>
          <input id="field-q" name="q" type="search" value={q} maxLength={200} dir="auto" />
        </div>
        <div class="field">
          <label for="field-sort">{t('stocktaking.browse.sort_label')}</label>
          <select id="field-sort" name="sort">
            {SORTS.map((s) => (
              // Relevance unless the reader chose otherwise: without words it lists the newest first
              // too, and a reader who then types words gets the best matches first.
              <option value={s} selected={s === (sort ?? 'relevance')}>
                {t(`stocktaking.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {FACETS.map((f) => (filters[f]?.length ? <input type="hidden" name={f} value={filters[f]?.join(',')} /> : null))}
        {query.pageSize && <input type="hidden" name="pageSize" value={query.pageSize} />}
        <button type="submit" class="button">
          {t('stocktaking.browse.search_submit')}
        </button>
      </form>
      <div class="search-layout">
        <section class="results" aria-labelledby="results-title">
          {/* On a phone the filters come after the results (styles.css, "search-layout"): one tap away. */}
          <p class="filters-link">
            <a href="#filters">{t('stocktaking.browse.filters_title')}</a>
          </p>
          <h2 id="results-title">{t('stocktaking.browse.results_count', { count: result.total })}</h2>
          {result.total > 0 && <DownloadResultsLink view={view} query={query} />}
          {result.typoTolerant && result.total > 0 && <p class="notice">{t('stocktaking.browse.typo_notice', { q })}</p>}
          {result.total === 0 ? (
            <p class="empty">{t('stocktaking.browse.no_results')}</p>
          ) : (
            <ol class="result-list" start={(page - 1) * pageSize + 1}>
              {result.items.map((entry) => {
                const organization = entry.organizationId ? organizations.get(entry.organizationId) : undefined;
                return (
                  <li class="card">
                    <h3>
                      <a href={view.href(`/stocktaking/${entry.id}`)}>
                        <EntryText view={view} value={entry.title} translations={entry.translations}>
                          {entry.highlight ? <Highlight text={entry.highlight} /> : undefined}
                        </EntryText>
                      </a>
                    </h3>
                    <EntryBadges view={view} entry={entry} />
                    <p>
                      <EntryText view={view} value={entry.summary} translations={entry.translations} />
                    </p>
                    <p class="muted">
                      {organization && (
                        <>
                          <bdi>{organization}</bdi> ·{' '}
                        </>
                      )}
                      {countryName(entry.leadCountry, view.locale)}
                    </p>
                    <p class="badges">
                      <span class="visually-hidden">
                        {t('stocktaking.facets.action_line')}
                        {t('core.text.colon')}
                      </span>
                      {entry.actionLines.map((code) => (
                        <>
                          <span class="code">{code}</span>
                          <span class="visually-hidden"> {facetLabel(view, names, 'actionLine', code).slice(code.length)}</span>{' '}
                        </>
                      ))}
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
          <Pagination view={view} page={page} pageSize={pageSize} total={result.total} baseHref={view.href('/stocktaking')} query={query} />
          {/* After the results, so that on a phone they still start in the first screen. */}
          <p>
            <a href={view.href('/stocktaking/statistics')}>{t('stocktaking.statistics.link')}</a>
          </p>
        </section>
        <aside class="facets" id="filters" aria-labelledby="facets-title">
          <h2 id="facets-title">{t('stocktaking.browse.filters_title')}</h2>
          <form method="get" action={view.href('/stocktaking')}>
            {q && <input type="hidden" name="q" value={q} />}
            {sort && <input type="hidden" name="sort" value={sort} />}
            {query.pageSize && <input type="hidden" name="pageSize" value={query.pageSize} />}
            {FACETS.map((facet) => {
              const selected = new Set(filters[facet] ?? []);
              const counts = [...result.facets[facet]];
              for (const value of selected) if (!counts.some((c) => c.value === value)) counts.push({ value, count: 0 });
              if (counts.length === 0) return null;
              const box = (c: { value: string; count: number }, i: number) => (
                <div class="checkbox" id={`facet-${facet}-value-${i}`}>
                  <input type="checkbox" id={`facet-${facet}-${i}`} name={facet} value={c.value} checked={selected.has(c.value)} />
                  <label for={`facet-${facet}-${i}`}>
                    {facetLabel(view, names, facet, c.value)} <span class="facet-count">({view.fmt.number(c.count)})</span>
                  </label>
                </div>
              );
              // Long lists (up to 249 countries) show their most frequent values and the chosen
              // ones; the others only when asked for (a submit button, so boxes ticked meanwhile
              // are kept, and the page comes back at the first new value): the full lists were
              // 63 KB of the 82 KB page, sent with every search.
              const listed = counts.map((c, i) => ({ c, i, shown: i < FACET_VALUES_SHOWN || selected.has(c.value) }));
              const hidden = listed.filter((v) => !v.shown);
              const full = expanded.includes(facet);
              return (
                <fieldset class="field">
                  <legend>{facetTitle(view, facet)}</legend>
                  {listed.filter((v) => full || v.shown).map((v) => box(v.c, v.i))}
                  {hidden.length > 0 && !full && (
                    <button type="submit" class="link-button facet-more" name="more" value={facet} formaction={`${view.href('/stocktaking')}#facet-${facet}-value-${hidden[0]?.i}`}>
                      {t('stocktaking.browse.facet_more', { count: hidden.length })}
                    </button>
                  )}
                </fieldset>
              );
            })}
            {expanded.map((facet) => (
              <input type="hidden" name="more" value={facet} />
            ))}
            <button type="submit" class="button">
              {t('stocktaking.browse.filters_submit')}
            </button>
          </form>
          {hasFilters && (
            <p>
              <a href={q ? `${view.href('/stocktaking')}?${new URLSearchParams({ q }).toString()}` : view.href('/stocktaking')}>{t('stocktaking.browse.filters_clear')}</a>
            </p>
          )}
        </aside>
      </div>
    </Layout>
  );
};
