import { Pagination } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { countryName } from '../../../reference/queries.js';
import { EntryBadges } from '../../components/EntryBadges.js';
import { facetLabel, type ReferenceNames } from '../../components/labels.js';
import { EntryText } from '../../components/LocalizedEntryText.js';
import type { EntryBadge } from '../../queries.js';
import { ORGANIZATION_PAGE_SIZE, type findOrganizationEntries } from '../queries.js';
import { organizationLabel } from '../../../accounts/queries.js';

export type OrganizationEntriesPageProps = {
  view: ViewContext;
  organization: { id: number; name: string; acronym: string | null; country: string | null; stakeholderType: string };
  /** The entries with the badges other modules give them (findEntryBadges). */
  result: Omit<Awaited<ReturnType<typeof findOrganizationEntries>>, 'items'> & {
    items: (Awaited<ReturnType<typeof findOrganizationEntries>>['items'][number] & { badges: EntryBadge[] })[];
  };
  names: ReferenceNames;
  page: number;
};

/** Public: an organization and the activities it has in the Stocktaking database. */
export const OrganizationEntriesPage = ({ view, organization, result, names, page }: OrganizationEntriesPageProps) => {
  const { t } = view;
  const name = organizationLabel(organization);
  return (
    <Layout view={view} title={name}>
      <p class="breadcrumb">
        <a href={view.href('/stocktaking')}>{t('stocktaking.browse.title')}</a>
      </p>
      <h1>
        <bdi>{name}</bdi>
      </h1>
      <p>
        {t(`accounts.stakeholder_types.${organization.stakeholderType}`)}
        {organization.country && <> · {countryName(organization.country, view.locale)}</>}
      </p>
      <p>{t('stocktaking.organizations.count', { count: result.total })}</p>
      {result.actionLines.length > 0 && (
        <>
          <h2>{t('stocktaking.organizations.by_action_line')}</h2>
          <ul class="inline-list">
            {result.actionLines.map((l) => (
              <li>
                {facetLabel(view, names, 'actionLine', l.value)} ({view.fmt.number(l.count)})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('stocktaking.organizations.entries')}</h2>
      {result.items.length === 0 ? (
        <p class="empty">{t('stocktaking.organizations.none')}</p>
      ) : (
        <ol class="result-list" start={(page - 1) * ORGANIZATION_PAGE_SIZE + 1}>
          {result.items.map((entry) => (
            <li>
              <h3>
                <a href={view.href(`/stocktaking/${entry.id}`)}>
                  <EntryText view={view} value={entry.title} translations={entry.translations} />
                </a>
              </h3>
              <EntryBadges view={view} entry={entry} />
              <EntryText view={view} value={entry.summary} translations={entry.translations} as="p" />
              <p class="meta">
                {view.fmt.list(entry.actionLines, 'unit')} · {countryName(entry.leadCountry, view.locale)} · {facetLabel(view, names, 'status', entry.projectStatus)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination view={view} page={page} pageSize={ORGANIZATION_PAGE_SIZE} total={result.total} baseHref={view.href(`/stocktaking/organizations/${organization.id}`)} />
    </Layout>
  );
};
