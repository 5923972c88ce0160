import type { Column } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { countryName } from '../../reference/queries.js';
import { organizationLabel } from '../queries.js';

type OrganizationRow = { id: number; name: string; acronym: string | null; stakeholderType: string; country: string };

/** The columns of a table of organizations: the name (a link to its page), the stakeholder type and the country. */
export const organizationColumns = <T extends OrganizationRow>(view: ViewContext): Column<T>[] => [
  {
    header: view.t('accounts.organizations.fields.name'),
    cell: (o) => (
      <a href={view.href(`/organizations/${o.id}`)}>
        <bdi>{organizationLabel(o)}</bdi>
      </a>
    ),
  },
  { header: view.t('accounts.organizations.fields.stakeholder_type'), cell: (o) => view.t(`accounts.stakeholder_types.${o.stakeholderType}`) },
  { header: view.t('accounts.organizations.fields.country'), cell: (o) => countryName(o.country, view.locale) },
];
