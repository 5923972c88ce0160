/**
 * The success stories of an edition: the winner and champions of each category with their
 * entry's title, summary, organization and country (public information only, no contact).
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { findOrganizationLabels } from '../../accounts/queries.js';
import type { Edition } from '../phases.js';
import { findCategories } from '../queries.js';
import { entryTexts } from '../selection/entry-texts.js';
import { findResults } from '../selection/queries.js';

export type Story = {
  nominationId: number;
  entryId: number;
  rank: 'winner' | 'champion';
  title: Localized;
  summary: Localized;
  organization: string | null;
  /** ISO 3166-1 code of the lead country. */
  country: string | null;
};
export type StoryCategory = { number: number; title: Localized; winner: Story | null; champions: Story[] };

/**
 * The stories of an edition's confirmed results; with `asOf`, only the results confirmed by then
 * (the reports' cut-off: results are confirmed before the announcement, so an announced edition
 * gives them all).
 */
export const loadStories = async (db: DbOrTx, edition: Edition, { asOf }: { asOf?: Date } = {}): Promise<StoryCategory[]> => {
  const categories = await findCategories(db, edition.id);
  const confirmed = await findResults(db, edition.id);
  const results = asOf ? confirmed.filter((r) => r.confirmedAt.getTime() <= asOf.getTime()) : confirmed;
  const texts = await entryTexts(
    db,
    results.map((r) => r.entryId),
  );
  // A deleted organization is left out: the story stays without it.
  const organizations = await findOrganizationLabels(
    db,
    [...texts.values()].map((e) => e.organizationId),
  );
  const stories = results.flatMap((r): (Story & { categoryNumber: number })[] => {
    const entry = texts.get(r.entryId);
    if (!entry) return [];
    return [
      {
        categoryNumber: r.categoryNumber,
        nominationId: r.nominationId,
        entryId: r.entryId,
        rank: r.rank,
        title: entry.title,
        summary: entry.summary,
        organization: entry.organizationId ? (organizations.get(entry.organizationId) ?? null) : null,
        country: entry.leadCountry || null,
      },
    ];
  });
  return categories
    .map((c) => ({
      number: c.number,
      title: c.title,
      winner: stories.find((s) => s.categoryNumber === c.number && s.rank === 'winner') ?? null,
      champions: stories.filter((s) => s.categoryNumber === c.number && s.rank === 'champion'),
    }))
    .filter((c) => c.winner || c.champions.length > 0);
};
