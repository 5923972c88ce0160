import type { ViewContext } from '../../../core/views/context.js';

/**
 * The search page's link to the data page, keeping the current search (`query`: the search
 * page's parameters; paging is dropped, a download holds every match).
 */
export const DownloadResultsLink = ({ view, query }: { view: ViewContext; query: Record<string, string | undefined> }) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'page' && k !== 'pageSize') params.set(k, v);
  const search = params.toString();
  return (
    <p class="download-results">
      <a href={`${view.href('/stocktaking/data')}${search ? `?${search}` : ''}`}>{view.t('stocktaking.exports.download_results')}</a>
    </p>
  );
};
