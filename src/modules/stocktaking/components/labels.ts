import type { Localized } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import { countryName } from '../../reference/queries.js';
import type { FacetName } from '../queries.js';

/** Names of the reference codes an entry carries, loaded by the route (views never query). */
export type ReferenceNames = {
  actionLines: Map<string, Localized>;
  sdgs: Map<number, Localized>;
  regions: Map<string, Localized>;
};

/** A facet value as the reader reads it: action line and SDG titles, country names, translated codes. */
export const facetLabel = (view: ViewContext, names: ReferenceNames, facet: FacetName, value: string): string => {
  switch (facet) {
    case 'actionLine': {
      const name = names.actionLines.get(value);
      return name ? `${value} ${view.localize(name)}` : value;
    }
    case 'sdg': {
      const name = names.sdgs.get(Number(value));
      return name ? `${view.t('stocktaking.common.sdg_number', { number: Number(value) })}${view.t('core.text.colon')}${view.localize(name)}` : value;
    }
    case 'region': {
      const name = names.regions.get(value);
      return name ? view.localize(name) : value;
    }
    case 'country':
      return countryName(value, view.locale);
    case 'stakeholderType':
      return view.t(`accounts.stakeholder_types.${value}`);
    case 'targetGroup':
      return view.t(`stocktaking.target_groups.${value}`);
    case 'status':
      return view.t(`stocktaking.project_statuses.${value}`);
    case 'year':
      return String(value);
  }
};

/** A language's name in the reader's language: the core's. */
export { languageName } from '../../../core/views/LocalizedText.js';
