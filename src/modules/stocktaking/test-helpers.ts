/**
 * Inserting published entries directly (tests and demo content), with the search columns computed
 * exactly as the commands compute them (search.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { searchDocument, titleDocument, titleText } from './search.js';
import { entries } from './tables.js';

export type NewEntry = typeof entries.$inferInsert;

let sequence = 0;

/** Inserts a published entry (overrides win) and returns it with its id. */
export const insertPublishedEntry = async (db: DbOrTx, overrides: Partial<NewEntry> = {}) => {
  sequence++;
  const language = overrides.originalLanguage ?? 'en';
  const title = overrides.title ?? { [language]: `Test entry ${sequence}` };
  const summary = overrides.summary ?? { [language]: `Summary of test entry ${sequence}` };
  const publishedAt = overrides.publishedAt ?? new Date();
  const leadCountry = overrides.leadCountry ?? 'FR';
  const places = { leadCountry, countries: overrides.countries ?? [leadCountry], region: overrides.region === undefined ? 'EUR' : overrides.region };
  const [row] = await db
    .insert(entries)
    .values({
      state: 'published',
      originalLanguage: language,
      translations: { [language]: 'original' },
      stakeholderType: 'government',
      leadCountry,
      countries: [leadCountry],
      region: 'EUR',
      scope: 'national',
      actionLines: ['C2'],
      sdgs: [9],
      projectStatus: 'ongoing',
      publishedYear: publishedAt.getUTCFullYear(),
      ...overrides,
      title,
      summary,
      publishedAt,
      titleText: titleText({ title }),
    })
    .returning({ id: entries.id });
  if (!row) throw new Error('entry not inserted');
  await db
    .update(entries)
    .set({ searchVector: sql`${searchDocument({ title, summary, ...places })}` as unknown as string, titleVector: sql`${titleDocument({ title })}` as unknown as string })
    .where(eq(entries.id, row.id));
  return row;
};
