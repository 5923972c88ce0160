/**
 * Open data endpoints: the entries of a filter (the same parameters as GET /api/v1/entries) as
 * CSV, Excel, JSON Lines, an Atom feed and IATI XML. Public; what each caller gets is limited by
 * visibleEntriesFor (inside entryFilterCondition). Files are streamed batch by batch.
 */
import type { SQL } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Readable } from 'node:stream';
import type { Database, DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { localizer, translator } from '../../../core/i18n/translate.js';
import { countryName, findCountries } from '../../reference/queries.js';
import { entriesQuery } from '../api-read.js';
import { type EntryFilters, type EntrySort, entryFilterCondition, FACETS } from '../queries.js';
import { atomFeed, atomFeedId } from './atom.js';
import { type ExportLabels, entryUrl, exportNames } from './columns.js';
import { csvStream, recordBytes, writtenHere } from './csv.js';
import { iatiStream } from './iati.js';
import { jsonlStream } from './jsonl.js';
import { addOrganizationNames, type ExportEntry, findExportNames, findNewEntries, streamExportCsv, streamExportEntries } from './queries.js';
import { xlsxStream } from './xlsx.js';

/** The export query: the search filters and sort of GET /api/v1/entries, without paging, and `lang` for the names. */
export const exportQuery = entriesQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.output<typeof exportQuery>;

export const FEED_SIZE = 50;

/** Filters of a parsed query, as the queries take them. */
export const filtersOf = (query: Partial<ExportQuery>): { q: string; filters: EntryFilters; sort: EntrySort | undefined } => ({
  q: query.q?.trim() ?? '',
  filters: Object.fromEntries(FACETS.map((f) => [f, query[f]]).filter(([, v]) => v && v.length > 0)) as EntryFilters,
  sort: query.sort,
});

/** A one-argument function remembered per argument (the same few names are asked for on every row). */
const memo = <T>(fn: (key: string) => T) => {
  const cache = new Map<string, T>();
  return (key: string) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
};

/** The names of codes in the request's language (`lang`), loaded once per export. */
export const labelsFor = async ({ locale, baseUrl, iatiReportingOrg, db }: { locale: Locale; baseUrl: string; iatiReportingOrg?: string; db: DbOrTx }): Promise<ExportLabels> => {
  const translate = translator(locale);
  const plain = memo((key) => translate(key));
  const languageNames = new Intl.DisplayNames([locale], { type: 'language' });
  return {
    locale,
    t: (key, values) => (values ? translate(key, values) : plain(key)),
    localize: localizer(locale),
    country: memo((code) => countryName(code, locale)),
    language: memo((code) => languageNames.of(code) ?? code),
    baseUrl,
    iatiReportingOrg,
    organizations: new Map(),
    ...(await findExportNames(db)),
  };
};

type BatchSource = { req: FastifyRequest; query: ExportQuery; db: DbOrTx; kind: Database['kind']; labels: ExportLabels };

/** The request's filter as a condition on the entries (visibleEntriesFor applied), and its sort. */
const filterOf = ({ req, query }: BatchSource) => {
  const { q, filters, sort } = filtersOf(query);
  return { condition: entryFilterCondition({ actor: req.actor, locale: req.locale, q, filters }), sort };
};

/** The rows of the request's filter, batch by batch, with the names of their organizations. */
const batchesFor = (source: BatchSource) => {
  const { db, labels, req } = source;
  const { condition, sort } = filterOf(source);
  const missing = new Set<number>();
  return (async function* () {
    for await (const rows of streamExportEntries(db, { condition, sort, locale: req.locale })) {
      await addOrganizationNames(db, { rows, names: labels.organizations, missing });
      yield rows;
    }
  })();
};

/**
 * The CSV records of the entries matching `condition`, batch by batch, as the database writes them
 * (the names of the codes in `labels`' language passed to it once), as bytes.
 */
export async function* csvBatches(db: DbOrTx, { condition, sort, labels, batchSize }: { condition: SQL; sort?: EntrySort; labels: ExportLabels; batchSize?: number }) {
  const names = JSON.stringify(
    exportNames(
      labels,
      (await findCountries(db)).map((c) => c.code),
    ),
  );
  // Everything before the id in entryUrl (the id is a number: no character of it is in the prefix).
  const urlPrefix = entryUrl(labels, 0).slice(0, -1);
  for await (const records of streamExportCsv(db, { condition, sort, locale: labels.locale, names, urlPrefix, batchSize })) yield recordBytes(records);
}

/**
 * The CSV records of the request's filter, written where a processor is free: by PostgreSQL, a
 * process of its own (csvBatches: 100,000 entries in 2.5–3.2 s against 5.5–6.2 s here); by this
 * process next to PGlite, whose database runs in a thread of this process (the same statement
 * in its WebAssembly build took 9.7–10 s, against 7.0–7.6 s for csvRecord).
 */
const csvBatchesFor = (source: BatchSource): AsyncIterable<Buffer> =>
  source.kind === 'pglite' ? writtenHere(batchesFor(source), source.labels) : csvBatches(source.db, { ...filterOf(source), labels: source.labels });

const fileName = (extension: string) => `wsis-stocktaking-${new Date().toISOString().slice(0, 10)}.${extension}`;

const sendFile = (reply: FastifyReply, { type, extension, stream }: { type: string; extension: string; stream: Readable }) =>
  reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName(extension)}"`)
    .header('cache-control', 'no-store')
    .send(stream);

const fileResponse = (mediaType: string, description: string) => ({ 200: { description, content: { [mediaType]: { schema: z.string() } } } });

const FILTER_NOTE =
  'Same filters as GET /api/v1/entries (q, actionLine, sdg, country, region, stakeholderType, targetGroup, status, year, sort); lang chooses the language of the names.';

/** Downloads per minute and address: a whole export keeps the database busy for seconds. */
export const EXPORTS_PER_MINUTE = 20;

export const exportApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  const rateLimit = { max: Math.max(1, Math.round(EXPORTS_PER_MINUTE * app.platform.config.rateLimitScale)), timeWindow: 60_000 };
  const files = [
    {
      path: '/entries.csv',
      type: 'text/csv; charset=utf-8',
      mediaType: 'text/csv',
      extension: 'csv',
      write: (source: BatchSource) => csvStream(csvBatchesFor(source)),
      summary: 'The entries of a search as CSV (UTF-8 with BOM; codes and their names)',
    },
    {
      path: '/entries.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
      write: (source: BatchSource) => xlsxStream(batchesFor(source), source.labels),
      summary: 'The entries of a search as an Excel workbook (same columns as the CSV)',
    },
    {
      path: '/entries.jsonl',
      type: 'application/x-ndjson; charset=utf-8',
      mediaType: 'application/x-ndjson',
      extension: 'jsonl',
      write: (source: BatchSource) => jsonlStream(batchesFor(source), source.labels),
      summary: 'The entries of a search as JSON Lines (every language, codes)',
    },
    {
      path: '/entries.iati.xml',
      type: 'application/xml; charset=utf-8',
      mediaType: 'application/xml',
      extension: 'iati.xml',
      write: (source: BatchSource) => iatiStream(batchesFor(source), source.labels),
      summary: 'The entries of a search as IATI activities (IATI Activity Standard 2.03)',
    },
  ] as const;

  for (const file of files) {
    app.get(
      file.path,
      {
        config: { rateLimit },
        schema: {
          tags: ['stocktaking'],
          summary: file.summary,
          description: `${FILTER_NOTE} Streamed; private contact fields are never included. At most ${EXPORTS_PER_MINUTE} downloads of each format a minute per address (429 beyond).`,
          querystring: exportQuery,
          response: fileResponse(file.mediaType, file.summary),
        },
      },
      async (req, reply) => {
        const labels = await labelsFor({ locale: req.locale, baseUrl: app.platform.config.baseUrl, iatiReportingOrg: app.platform.config.iatiReportingOrg, db });
        return sendFile(reply, { type: file.type, extension: file.extension, stream: file.write({ req, query: req.query, db, kind: app.platform.database.kind, labels }) });
      },
    );
  }

  app.get(
    '/entries.atom',
    {
      schema: {
        tags: ['stocktaking'],
        summary: `Atom feed of the ${FEED_SIZE} newest published entries of a search`,
        description: FILTER_NOTE,
        querystring: exportQuery,
        response: fileResponse('application/atom+xml', 'Atom 1.0 feed'),
      },
    },
    async (req, reply) => {
      const labels = await labelsFor({ locale: req.locale, baseUrl: app.platform.config.baseUrl, db });
      const { q, filters } = filtersOf(req.query);
      const entries: ExportEntry[] = await findNewEntries(db, { condition: entryFilterCondition({ actor: req.actor, locale: req.locale, q, filters }), limit: FEED_SIZE });
      await addOrganizationNames(db, { rows: entries, names: labels.organizations, missing: new Set() });
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const pageQuery = new URLSearchParams(search);
      pageQuery.delete('lang');
      const pageSearch = pageQuery.toString();
      const body = atomFeed({
        entries,
        labels,
        feedId: atomFeedId(app.platform.config.atomIdPrefix, new URLSearchParams(search)),
        idPrefix: app.platform.config.atomIdPrefix,
        selfUrl: `${labels.baseUrl}/api/v1/entries.atom${search}`,
        pageUrl: `${labels.baseUrl}/${req.locale}/stocktaking${pageSearch ? `?${pageSearch}` : ''}`,
      });
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    },
  );
};
