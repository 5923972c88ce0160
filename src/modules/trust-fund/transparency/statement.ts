/** The statement of a period with its donors' names in a language (the page, the DOCX, the API, the reports). */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { donorName } from './page-data.js';
import { buildStatement } from './queries.js';
import type { StatementView } from './views/StatementTables.js';

export const loadStatement = async (db: DbOrTx, period: { from: string; to: string; postedBefore?: Date }, locale: Locale): Promise<StatementView> => {
  const statement = await buildStatement(db, period);
  return { ...statement, donorNames: new Map(statement.receipts.map((r) => [r.donor.id, donorName(r.donor, locale)])) };
};
