import { Readable } from 'node:stream';
import { LOCALES } from '../../../core/i18n/locales.js';
import { type ExportLabels, entryUrl } from './columns.js';
import type { ExportEntry } from './queries.js';

/** One entry as a JSON object: every public field, every language, codes (names are on the data page). */
export const jsonOf = (e: ExportEntry, labels: Pick<ExportLabels, 'baseUrl' | 'locale'>) => ({
  id: e.id,
  url: entryUrl(labels, e.id),
  state: e.state,
  language: e.originalLanguage,
  title: e.title,
  summary: e.summary,
  description: e.description,
  impact: e.impact,
  partners: e.partners,
  translations: Object.fromEntries(LOCALES.filter((l) => e.translations[l]).map((l) => [l, e.translations[l]])),
  organizationId: e.organizationId,
  stakeholderType: e.stakeholderType,
  leadCountry: e.leadCountry,
  countries: e.countries,
  region: e.region,
  scope: e.scope,
  actionLines: e.actionLines,
  sdgs: e.sdgs,
  sdgTargets: e.sdgTargets,
  targetGroups: e.targetGroups,
  status: e.projectStatus,
  startDate: e.startDate,
  endDate: e.endDate,
  website: e.website,
  isDemo: e.isDemo,
  publishedAt: e.publishedAt ? e.publishedAt.toISOString() : null,
  year: e.publishedYear,
});

/** JSON Lines: one entry per line, batch by batch. */
export const jsonlStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      // Bytes, entry by entry: see csvStream (a string chunk was measured, then encoded, by the socket).
      for await (const batch of batches) yield Buffer.concat(batch.map((e) => Buffer.from(`${JSON.stringify(jsonOf(e, labels))}\n`)));
    })(),
    // One batch waiting at most: memory stays flat when the client reads slowly.
    { highWaterMark: 1 },
  );
