import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Locale, type Localized, LOCALES } from '../../core/i18n/locales.js';
import { localizeWithLocale } from '../../core/i18n/translate.js';
import { versionedCache } from '../../core/http/versioned-cache.js';
import { countriesQuery, langQuery } from './inputs.js';
import { countryName, findActionLines, findConnectGoals, findCountries, findMatrixLinks, findPrizeCategories, findRegions, findSdgs, referenceVersionReader } from './queries.js';

/** Text in the six languages; a language the data lacks falls back like the HTML pages do. */
const sixLanguages = z.object({ ar: z.string(), en: z.string(), es: z.string(), fr: z.string(), ru: z.string(), zh: z.string() });
const inSixLanguages = (value: Localized) => Object.fromEntries(LOCALES.map((l) => [l, localizeWithLocale(value, l).text])) as Record<Locale, string>;

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

const actionLine = z.object({
  code: z.string().meta({ example: 'C7.e-health' }),
  parent: z.string().nullable(),
  title: sixLanguages,
  short: sixLanguages,
  leadFacilitators: z.array(z.string()),
  ituRole: z.string().nullable().describe('English only; null when the sources do not state it'),
});
const sdg = z.object({ number: z.number().int(), title: sixLanguages, short: sixLanguages });
const matrixRow = z.object({ actionLine: z.string(), sdgs: z.array(z.number().int()), targets: z.array(z.string()) });
const country = z.object({ code: z.string().meta({ example: 'FR' }), region: z.string().nullable(), name: z.string(), ituMember: z.boolean() });
const region = z.object({ code: z.string(), name: sixLanguages });
const prizeCategory = z.object({ number: z.number().int(), actionLine: z.string(), title: sixLanguages });
const connectGoal = z.object({
  code: z.string(),
  key: z.string(),
  title: sixLanguages,
  statement: sixLanguages,
  targets: z.array(z.object({ code: z.string(), text: sixLanguages, confidence: z.string() })),
});

const schema = <R extends z.ZodType, Q extends z.ZodObject = typeof langQuery>(summary: string, response: R, querystring?: Q) => ({
  tags: ['reference'],
  summary,
  querystring: (querystring ?? langQuery) as Q,
  response: { 200: response },
});

/**
 * Open data (public): action lines, SDGs, the matrix, countries, regions, prize categories, Connect 2030.
 * Each list is the same for every caller: built and serialized once per version of the reference
 * data (and language, for country names), then served from memory with an ETag.
 */
export const referenceApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.platform;
  const { db } = database;
  const lists = versionedCache({ readVersion: referenceVersionReader(database) });
  /** Sends the list `key`, built by `build` (through the route's response schema) when the version moved. */
  const shared = (req: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<unknown>, vary?: string) =>
    lists.send(req, reply, { key, type: 'application/json; charset=utf-8', cacheControl: 'public, no-cache', vary, render: async () => String(reply.serialize(await build())) });

  app.get('/action-lines', { schema: schema('WSIS Action Lines C1–C11 and the C7 sub-lines', list(actionLine)) }, async (req, reply) =>
    shared(req, reply, 'action-lines', async () => {
      const lines = await findActionLines(db);
      const items = lines.map((l) => ({
        code: l.code,
        parent: l.parent,
        title: inSixLanguages(l.title),
        short: inSixLanguages(l.short),
        leadFacilitators: l.leadFacilitators,
        ituRole: l.ituRole,
      }));
      return { items, total: items.length };
    }),
  );

  app.get('/sdgs', { schema: schema('The 17 Sustainable Development Goals', list(sdg)) }, async (req, reply) =>
    shared(req, reply, 'sdgs', async () => {
      const sdgs = await findSdgs(db);
      const items = sdgs.map((s) => ({ number: s.number, title: inSixLanguages(s.title), short: inSixLanguages(s.short) }));
      return { items, total: items.length };
    }),
  );

  app.get('/matrix', { schema: schema('The WSIS–SDG matrix: SDGs and SDG targets served by each action line', list(matrixRow)) }, async (req, reply) =>
    shared(req, reply, 'matrix', async () => {
      const [lines, links] = await Promise.all([findActionLines(db), findMatrixLinks(db)]);
      const items = lines.map((line) => {
        const own = links.filter((l) => l.actionLine === line.code);
        return { actionLine: line.code, sdgs: own.map((l) => l.sdg), targets: own.flatMap((l) => l.targets) };
      });
      return { items, total: items.length };
    }),
  );

  app.get(
    '/countries',
    { schema: schema('Countries and territories (ISO 3166-1) with their ITU region; names in the language asked for', list(country), countriesQuery) },
    async (req, reply) => {
      const { region, ituMember } = req.query;
      // The language comes from ?lang or Accept-Language; the other parameters are closed lists.
      return shared(
        req,
        reply,
        `countries:${req.locale}:${region ?? ''}:${ituMember ?? ''}`,
        async () => {
          const rows = await findCountries(db, { region, ituMembersOnly: ituMember === 'true' });
          const collator = new Intl.Collator(req.locale);
          const items = rows
            .filter((c) => ituMember !== 'false' || !c.isItuMember)
            .map((c) => ({ code: c.code, region: c.region, name: countryName(c.code, req.locale), ituMember: c.isItuMember }))
            .sort((a, b) => collator.compare(a.name, b.name));
          return { items, total: items.length };
        },
        'Accept-Language',
      );
    },
  );

  app.get('/regions', { schema: schema('The six ITU regions', list(region)) }, async (req, reply) =>
    shared(req, reply, 'regions', async () => {
      const rows = await findRegions(db);
      const items = rows.map((r) => ({ code: r.code, name: inSixLanguages(r.name) }));
      return { items, total: items.length };
    }),
  );

  app.get('/prize-categories', { schema: schema('The 18 default WSIS Prizes categories', list(prizeCategory)) }, async (req, reply) =>
    shared(req, reply, 'prize-categories', async () => {
      const rows = await findPrizeCategories(db);
      const items = rows.map((c) => ({ number: c.number, actionLine: c.actionLine, title: inSixLanguages(c.title) }));
      return { items, total: items.length };
    }),
  );

  app.get('/connect2030', { schema: schema('ITU Connect 2030 Agenda: goals and targets', list(connectGoal)) }, async (req, reply) =>
    shared(req, reply, 'connect2030', async () => {
      const goals = await findConnectGoals(db);
      const items = goals.map((g) => ({
        code: g.code,
        key: g.key,
        title: inSixLanguages(g.title),
        statement: inSixLanguages(g.statement),
        targets: g.targets.map((t) => ({ code: t.code, text: inSixLanguages(t.text), confidence: t.confidence })),
      }));
      return { items, total: items.length };
    }),
  );
};
