import type { DbOrTx } from '../../../core/db/client.js';
import { ENDONYMS, type Locale, LOCALES } from '../../../core/i18n/locales.js';
import type { Translate } from '../../../core/i18n/translate.js';
import type { Option } from '../../../core/views/components.js';
import { countryName, findCountries } from '../../reference/queries.js';
import { STAKEHOLDER_TYPES } from '../tables.js';

/** Countries named in the reader's language, sorted by that language's collation. */
export const countryOptions = async (db: DbOrTx, locale: Locale): Promise<Option[]> => {
  const collator = new Intl.Collator(locale);
  return (await findCountries(db)).map((c) => ({ value: c.code, label: countryName(c.code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
};

export const stakeholderOptions = (t: Translate): Option[] => STAKEHOLDER_TYPES.map((value) => ({ value, label: t(`accounts.stakeholder_types.${value}`) }));

/** The six languages, each named in itself. */
export const localeOptions = (): Option[] => LOCALES.map((l) => ({ value: l, label: ENDONYMS[l] }));
