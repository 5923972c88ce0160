/**
 * Read side of the exports: the entries of a filter in batches (keyset pagination by id, or by a
 * list of ids for a sorted export), never the whole set at once, and the names of the codes.
 * Contact fields are never selected here.
 */
import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { getOrganization } from '../../accounts/queries.js';
import { findActionLines, findRegions, findSdgs } from '../../reference/queries.js';
import type { EntrySort } from '../queries.js';
import { entries } from '../tables.js';

/** Columns an export may hold: what the public API shows (no contact, no search columns). */
const exportColumns = {
  id: entries.id,
  state: entries.state,
  organizationId: entries.organizationId,
  originalLanguage: entries.originalLanguage,
  title: entries.title,
  summary: entries.summary,
  description: entries.description,
  impact: entries.impact,
  partners: entries.partners,
  translations: entries.translations,
  stakeholderType: entries.stakeholderType,
  leadCountry: entries.leadCountry,
  countries: entries.countries,
  region: entries.region,
  scope: entries.scope,
  actionLines: entries.actionLines,
  sdgs: entries.sdgs,
  sdgTargets: entries.sdgTargets,
  targetGroups: entries.targetGroups,
  projectStatus: entries.projectStatus,
  startDate: entries.startDate,
  endDate: entries.endDate,
  website: entries.website,
  isDemo: entries.isDemo,
  createdAt: entries.createdAt,
  updatedAt: entries.updatedAt,
  publishedAt: entries.publishedAt,
  publishedYear: entries.publishedYear,
};
export type ExportEntry = { [K in keyof typeof exportColumns]: (typeof entries.$inferSelect)[K] };

export const EXPORT_BATCH_SIZE = 1000;

/**
 * The entries matching `condition` (built with entryFilterCondition, which applies
 * visibleEntriesFor: the caller decides nothing about visibility here), batch after batch.
 * Without `sort`: by id, keyset pagination (`id > last`), so memory stays flat whatever the size.
 * With `sort`: the ordered ids first (a number each), then the rows by batches of ids. `relevance`
 * has no meaning for a whole file and exports as `newest`.
 */
export async function* streamExportEntries(
  db: DbOrTx,
  { condition, sort, locale, batchSize = EXPORT_BATCH_SIZE, limit }: { condition: SQL; sort?: EntrySort; locale: Locale; batchSize?: number; limit?: number },
): AsyncGenerator<ExportEntry[]> {
  if (!sort) {
    let last = 0;
    let sent = 0;
    while (limit === undefined || sent < limit) {
      const size = limit === undefined ? batchSize : Math.min(batchSize, limit - sent);
      const rows = await db
        .select(exportColumns)
        .from(entries)
        .where(and(condition, gt(entries.id, last)))
        .orderBy(asc(entries.id))
        .limit(size);
      if (rows.length === 0) return;
      yield rows;
      sent += rows.length;
      last = rows[rows.length - 1]?.id ?? last;
      if (rows.length < size) return;
    }
    return;
  }
  const shownTitle = sql`coalesce(nullif(${entries.title}->>${locale}, ''), nullif(${entries.title}->>'en', ''), ${entries.title}->>${entries.originalLanguage})`;
  const order = sort === 'title' ? [asc(sql`lower(${shownTitle})`), asc(entries.id)] : [sql`${entries.publishedAt} desc nulls last`, desc(entries.id)];
  const query = db
    .select({ id: entries.id })
    .from(entries)
    .where(condition)
    .orderBy(...order);
  const ids = (await (limit === undefined ? query : query.limit(limit))).map((r) => r.id);
  for (let start = 0; start < ids.length; start += batchSize) {
    const chunk = ids.slice(start, start + batchSize);
    // The condition again: an entry unpublished meanwhile is left out.
    const rows = await db
      .select(exportColumns)
      .from(entries)
      .where(and(condition, inArray(entries.id, chunk)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    yield chunk.map((id) => byId.get(id)).filter((r): r is ExportEntry => r !== undefined);
  }
}

/** Names of the reference codes (action lines, SDGs, regions), in every language. */
export const findExportNames = async (db: DbOrTx) => {
  const lines = await findActionLines(db);
  const goals = await findSdgs(db);
  const regions = await findRegions(db);
  return {
    actionLines: new Map(lines.map((l) => [l.code, l.short])),
    sdgs: new Map(goals.map((s) => [s.number, s.short])),
    regions: new Map(regions.map((r) => [r.code, r.name])),
  };
};

/**
 * Adds to `names` the public names of the organizations of `rows` not yet in it (one query per
 * organization over the whole export; a deleted organization is left out).
 */
export const addOrganizationNames = async (db: DbOrTx, { rows, names, missing }: { rows: ExportEntry[]; names: Map<number, string>; missing: Set<number> }) => {
  for (const id of new Set(rows.map((r) => r.organizationId))) {
    if (id === null || names.has(id) || missing.has(id)) continue;
    try {
      const o = await getOrganization(db, id);
      names.set(id, o.acronym ? `${o.name} (${o.acronym})` : o.name);
    } catch {
      missing.add(id);
    }
  }
};

/** The newest published entries matching `condition` (the Atom feed), newest first. */
export const findNewEntries = async (db: DbOrTx, { condition, limit }: { condition: SQL; limit: number }): Promise<ExportEntry[]> =>
  db
    .select(exportColumns)
    .from(entries)
    .where(and(condition, eq(entries.state, 'published')))
    .orderBy(desc(entries.publishedAt), desc(entries.id))
    .limit(limit);
