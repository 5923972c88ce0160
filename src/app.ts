/**
 * Builds the Fastify application: core plugins, then every module of src/platform-modules.ts. One
 * of the entry files (with src/cli.ts): it hands the modules to the core.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { completeOpenApi } from './core/http/openapi.js';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { LocalFileStore } from './core/storage/files.js';
import type { Config } from './core/config.js';
import { currentMigration, type Database } from './core/db/client.js';
import { getCookieSecret } from './core/db/settings.js';
import { RETRY_AFTER_SECONDS } from './core/db/unavailable.js';
import { buildAssetMap } from './core/http/assets.js';
import { ApiReferencePage, type OpenApiDocument } from './core/views/ApiReferencePage.js';
import { type EarlyErrorHandlers, type Platform, platformPlugin } from './core/http/platform.js';
import { postgresRateLimitStore } from './core/http/rate-limit.js';
import { notificationRoutes } from './core/notifications/routes.js';
import { preloadRoutes } from './core/module.js';
import { MODULES } from './platform-modules.js';
import { warmingOf } from './core/warming.js';

export { MODULES };

export type BuildAppOptions = {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
};

export const buildApp = async ({ config, database, logger }: BuildAppOptions) => {
  // The modules' pages are loaded here, once, not by every `wsis` command (lazyRoutes in the manifests).
  await preloadRoutes(MODULES);
  // Filled in by the platform plugin: answers for errors raised before routing (see platform.ts).
  const early: EarlyErrorHandlers = {};
  const app = Fastify({
    // Logs are JSON lines on stderr; stdout is kept for what people and scripts read.
    logger: logger ?? { level: config.logLevel, stream: process.stderr },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, req, reply) => {
      if (early.frameworkError) early.frameworkError(error, req as unknown as FastifyRequest, reply as unknown as FastifyReply);
      else reply.raw.writeHead(400).end();
    },
    clientErrorHandler: (error, socket) => (early.clientError ? early.clientError(error, socket) : socket.destroy(error)),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });

  const platform: Platform = {
    config,
    database,
    modules: MODULES,
    assets: buildAssetMap(),
    migration: await currentMigration(database),
    startedAt: new Date(),
    files: new LocalFileStore(config.filesDir),
    warming: warmingOf(MODULES, database.db, (error, module) => app.log.error({ err: error, module }, 'warming the caches failed')),
  };

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'WSIS Platform API', version: '1', description: 'Open data and actions of the WSIS Platform. Errors are RFC 9457 problem details.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (wsis token create)' } } },
    },
    // Servers, licence, operationIds, security and the 4xx problem answers of every operation.
    transformObject: (documentObject) =>
      completeOpenApi('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject, { baseUrl: config.baseUrl }),
    // Only the JSON API is documented; HTML pages are not part of it.
    transform: (args) => (args.url.startsWith('/api/v1/') ? jsonSchemaTransform(args) : { schema: { ...args.schema, hide: true }, url: args.url }),
  });
  await app.register(platformPlugin, { platform, cookieSecret: await getCookieSecret(database.db), early });
  await app.register(rateLimit, {
    global: false,
    store: postgresRateLimitStore(database.db),
    errorResponseBuilder: (_req, context) => Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED', retryAfter: context.after }),
  });

  // The database is pinged at most once a second, and every health request meanwhile shares that
  // answer: a load balancer polling many times a second costs one query. A ping still running after
  // one second means a busy database (still up: latency null). A database that refuses or drops the
  // connection is down: 503 with Retry-After within about a second, so a load balancer or a monitor sees it.
  let lastPing: { at: number; answer: Promise<number | 'busy' | 'down'> } | null = null;
  const pingDatabase = () => {
    const at = performance.now();
    if (lastPing && at - lastPing.at < 1000) return lastPing.answer;
    const ping = database.pool.query('select 1').then(
      () => Math.round(performance.now() - at),
      () => 'down' as const,
    );
    const answer = Promise.race([ping, new Promise<'busy'>((r) => setTimeout(() => r('busy'), 1000).unref())]);
    lastPing = { at, answer };
    return answer;
  };
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const answer = await pingDatabase();
    reply.header('cache-control', 'no-store');
    if (answer === 'down') {
      reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
      return { status: 'unavailable', database: database.kind, databaseUp: false, migration: platform.migration, databaseLatencyMs: null };
    }
    return { status: 'ok', database: database.kind, databaseUp: true, migration: platform.migration, databaseLatencyMs: answer === 'busy' ? null : answer };
  });
  // Readiness, for a load balancer that should send a new process its traffic only once it can
  // answer at its usual speed: 503 while the database is down or the modules' caches are still
  // being filled (`warm` contributions, started by `wsis serve` when it listens), then 200.
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const answer = await pingDatabase();
    const caches = platform.warming.state();
    reply.header('cache-control', 'no-store');
    const status = answer === 'down' ? 'unavailable' : caches === 'warming' ? 'warming' : 'ready';
    if (status !== 'ready') reply.code(503).header('retry-after', status === 'warming' ? '1' : String(RETRY_AFTER_SECONDS));
    return { status, databaseUp: answer !== 'down', caches };
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The reference page is rendered here from the same document, under the platform's strict CSP
  // (Swagger UI needed a looser one). /api/docs/ and the old UI's paths land on it.
  // In the reader's language: /api/docs negotiates it, /:locale/api/docs names it (the language switcher's links).
  const apiReference = async (req: FastifyRequest, reply: FastifyReply) => reply.page(ApiReferencePage({ view: req.view(reply), document: app.swagger() as OpenApiDocument }));
  app.get('/api/docs', { schema: { hide: true } }, apiReference);
  app.get('/:locale/api/docs', { schema: { hide: true } }, apiReference);
  app.get('/api/docs/json', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/v1/openapi.json', 301));
  app.get('/api/docs/*', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs', 301));

  // The signed-in person's notifications (the core's; the events are the modules').
  await app.register(notificationRoutes, { prefix: '/:locale' });

  for (const module of MODULES) {
    if (module.routes) await app.register(module.routes, { prefix: '/:locale' });
    if (module.adminRoutes) await app.register(module.adminRoutes, { prefix: '/:locale/admin' });
    if (module.apiRoutes) await app.register(module.apiRoutes, { prefix: '/api/v1' });
    if (module.rootRoutes) await app.register(module.rootRoutes);
  }
  return app;
};
