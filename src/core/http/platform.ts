/**
 * The shared HTTP kernel: security headers, cookies, CSRF, sessions, locale routing, rendering,
 * flash messages, errors. Modules only add routes on top of it.
 */
import type { FileStore } from '../storage/files.js';
import { viewWithoutRequest } from '../views/document-view.js';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import etag from '@fastify/etag';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ZodError, z } from 'zod';
import { actorsFromApiTokens, actorFromSession, SESSION_COOKIE } from '../auth/sessions.js';
import { grouped } from '../db/grouped.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable.js';
import type { Warming } from '../warming.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { DEFAULT_LOCALE, dir, isLocale, type Locale, LOCALES } from '../i18n/locales.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { formatters, localizer, localizeWithLocale, type Translate, translator } from '../i18n/translate.js';
import type { PlatformModule } from '../module.js';
import { can, Forbidden, isSignedIn, type MaybeActor } from '../permissions/index.js';
import type { FlashMessage, NavItem, ViewContext } from '../views/context.js';
import { ErrorPage } from '../views/ErrorPage.js';
import { type AssetMap, PUBLIC_DIR } from './assets.js';
import { hasUndecodableUrl, invalidEncoding, multipartBudget, readMultipart, registerMultipart, registerStrictBodyParsers, tooLarge } from './body-parsers.js';
import { problemErrors } from './forms.js';
import { HttpError, loggableError, sendProblem } from './problems.js';
import { safeNext } from './redirects.js';
import type { VersionedCache } from './versioned-cache.js';

export const LOCALE_COOKIE = 'wsis_locale';
const FLASH_COOKIE = 'wsis_flash';

export type Platform = {
  config: Config;
  database: Database;
  modules: PlatformModule[];
  assets: AssetMap;
  migration: string;
  startedAt: Date;
  /** Where files are kept (core/storage/files.ts). */
  files: FileStore;
  /** The modules' cache warm-ups of this process, and whether they are done (`/readyz`). */
  warming: Warming;
};

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    locale: Locale;
    /** Whether the URL itself named the locale (/fr/…), as opposed to negotiation. */
    localeFromUrl: boolean;
    t: Translate;
    actor: MaybeActor;
    authVia: 'session' | 'token' | null;
    /**
     * On a route with `config.tokenInRoute`, the API token of the request, not looked up: the route
     * authenticates it itself (the vote does so inside its statement). `actor` stays null there.
     */
    bearerToken: string | null;
    sessionToken: string | null;
    /** The view context of this request (computed once). */
    view: (reply: FastifyReply) => ViewContext;
    isApi: boolean;
  }
  interface FastifyReply {
    /** Renders a page (a Layout element) as an HTML document. */
    page: (element: VNode, status?: number) => FastifyReply;
    /**
     * A page every anonymous reader gets alike (public reference data): served from `cache` while
     * its data version holds, with a strong ETag and 304s. A signed-in reader (their menu), a reader
     * with a message waiting and a URL with a query string get their own render, as with `page`.
     * The view of a shared render has no CSRF token: a page with a form cannot be shared.
     */
    sharedPage: (cache: VersionedCache, render: (view: ViewContext) => VNode | Promise<VNode>) => Promise<FastifyReply>;
    /** Queues a message for the next page the browser shows. */
    flash: (type: FlashMessage['type'], text: string) => FastifyReply;
    /** 303 See Other: the answer to a successful form POST. */
    seeOther: (url: string) => FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set to false on routes that must accept POSTs without a CSRF token (none in HTML). */
    csrf?: boolean;
    /**
     * The route authenticates a Bearer token itself, in its own query (saving a round trip on a hot
     * path): the platform leaves it in `req.bearerToken`, unchecked. Sessions are unaffected.
     */
    tokenInRoute?: boolean;
  }
}

/** Path of the request without its locale prefix (for the language switcher). */
const pathWithoutLocale = (url: string) => {
  const match = /^\/([a-z]{2})([/?][\s\S]*)?$/.exec(url);
  if (match && isLocale(match[1])) {
    const rest = match[2] ?? '';
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return url;
};

/**
 * Answers for errors that happen before a request reaches Fastify's routing and hooks: a path
 * whose percent-escapes do not decode (`/en/stocktaking/%ff`: Fastify's `frameworkErrors`), and a
 * request Node's HTTP parser refuses (raw UTF-8 or spaces in the URL, as `curl '…?q=numérique'`
 * sends: `clientErrorHandler`). Fastify takes both as options when it is created, before this
 * plugin exists: app.ts passes an empty holder that the plugin fills in.
 */
export type EarlyErrorHandlers = {
  frameworkError?: (error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) => void;
  clientError?: (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => void;
};

export const platformPlugin = fp(async (app: FastifyInstance, { platform, cookieSecret, early }: { platform: Platform; cookieSecret: string; early?: EarlyErrorHandlers }) => {
  app.decorate('platform', platform);
  const { config } = platform;

  // Security headers, helmet's middleware built once: @fastify/helmet builds it again on every
  // request (parsing the CSP directives each time, 6% of the server's time in a surge of votes).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies ? undefined : false,
    crossOriginEmbedderPolicy: false,
  });
  // The policy has no per-request part (no nonces), so helmet runs once, here, and every request
  // gets the headers it set: one object merged into the reply instead of a dozen validated
  // setHeader calls per request.
  const securityHeaderValues: Record<string, string> = {};
  securityHeaders(
    {} as Parameters<typeof securityHeaders>[0],
    {
      setHeader: (name: string, value: string) => {
        securityHeaderValues[name.toLowerCase()] = value;
      },
      removeHeader: () => undefined,
    } as unknown as Parameters<typeof securityHeaders>[1],
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaderValues);
    done();
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(etag, { weak: true });
  await app.register(cookie, { secret: cookieSecret });
  registerStrictBodyParsers(app);
  await registerMultipart(app);
  await app.register(csrf, {
    cookieKey: 'wsis_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.secureCookies, signed: true },
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      const header = req.headers['x-csrf-token'];
      return (typeof fromBody === 'string' ? fromBody : undefined) ?? (typeof header === 'string' ? header : undefined) ?? '';
    },
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, serve: false });

  // --- Who and which language -------------------------------------------------------------
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('localeFromUrl', false);
  app.decorateRequest('t', translator(DEFAULT_LOCALE));
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('bearerToken', null);
  app.decorateRequest('isApi', false);
  app.decorateRequest('view', function (this: FastifyRequest, reply: FastifyReply) {
    return buildView(this, reply);
  });

  // API tokens presented together (a surge of votes) are looked up in one query.
  const actorFromApiToken = grouped((tokens: string[]) => actorsFromApiTokens(platform.database.db, tokens), { maxBatch: 200, maxInFlight: 1 });

  /** The reader's language: the URL's prefix, else ?lang=, the remembered choice, Accept-Language. */
  const assignLocale = (req: FastifyRequest) => {
    const path = req.url.split('?')[0] ?? '/';
    req.isApi = path.startsWith('/api/');
    const first = path.split('/')[1];
    if (isLocale(first)) {
      req.locale = first;
      req.localeFromUrl = true;
    } else {
      const lang = (req.query as Record<string, unknown> | undefined)?.lang;
      req.locale = negotiateLocale({
        // No cookies yet on an answer given before the hooks run (a path Fastify cannot decode).
        remembered: isLocale(lang) ? lang : req.isApi ? undefined : req.cookies?.[LOCALE_COOKIE],
        acceptLanguage: req.headers['accept-language'],
      });
    }
    req.t = translator(req.locale);
  };

  app.addHook('onRequest', async (req) => {
    assignLocale(req);
    // Same rule as for bodies: a URL that decodes to NUL or to invalid UTF-8 is refused here,
    // in the reader's language, before any route hands it to the database.
    if (hasUndecodableUrl(req.url)) throw invalidEncoding();
    // Routes mounted under /:locale answer 404 for anything that is not one of the six languages.
    if (req.routeOptions.url?.startsWith('/:locale') && !req.localeFromUrl) throw new HttpError(404, 'core.errors.not_found_title', 'core.errors.not_found_detail');

    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      if (req.routeOptions.config?.tokenInRoute === true) {
        req.bearerToken = auth.slice(7).trim();
        req.authVia = 'token';
        return;
      }
      req.actor = await actorFromApiToken(auth.slice(7).trim());
      req.authVia = req.actor ? 'token' : null;
      if (!req.actor) throw new HttpError(401, 'core.errors.unauthorized_title', 'core.errors.invalid_token');
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = req.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) {
        req.actor = await actorFromSession(platform.database.db, unsigned.value);
        if (req.actor) {
          req.authVia = 'session';
          req.sessionToken = unsigned.value;
        }
      }
    }
  });

  // Every state-changing request made with a browser session needs the CSRF token.
  const needsCsrf = (req: FastifyRequest) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return false;
    if (req.authVia === 'token') return false;
    // An API call without a session cookie cannot be forged by another site; it gets a 401 from
    // the route instead. Forms (sign-in, registration) keep their token even when anonymous.
    if (req.isApi && req.authVia !== 'session') return false;
    return req.routeOptions.config?.csrf !== false;
  };
  const checkCsrf = (req: FastifyRequest, reply: FastifyReply) =>
    new Promise<void>((resolve, reject) => {
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
    });
  // (A callback hook: no promise per GET.)
  app.addHook('preHandler', (req, reply, done) => {
    if (!needsCsrf(req)) return done();
    app.csrfProtection(req, reply, (err?: Error) => done(err));
  });

  // Multipart bodies (forms with a file input) are read here, and only once the route has said it
  // takes them (`config.multipart`, with its limits), the actor is signed in (and may, when the
  // route names an ability) and the CSRF token is good: from the x-csrf-token header, or from the
  // form's first field, read before anything else. An anonymous 190 MB post to the sign-in form
  // was read into memory (+200 MB) before it was refused; now it is refused before one byte is
  // read. Files go to a temporary folder, never into memory.
  app.addHook('preValidation', async (req, reply) => {
    if (!req.isMultipart()) return;
    const limits = req.routeOptions.config?.multipart;
    if (!limits) throw new HttpError(415, 'core.errors.media_type_title', 'core.errors.media_type_detail');
    if (!isSignedIn(req.actor)) throw new Forbidden(limits.ability ?? 'core.upload', false);
    if (limits.ability && !can(req.actor, limits.ability)) throw new Forbidden(limits.ability, true);
    if (Number(req.headers['content-length']) > multipartBudget(limits)) throw tooLarge();
    const header = req.headers['x-csrf-token'];
    const csrf = needsCsrf(req);
    if (csrf && typeof header === 'string') await checkCsrf(req, reply);
    const fromFirstField = csrf && typeof header !== 'string';
    req.body = await readMultipart(req, {
      limits,
      firstField: fromFirstField
        ? async ({ name, value }) => {
            req.body = { _csrf: name === '_csrf' ? (value ?? '') : '' };
            await checkCsrf(req, reply);
          }
        : undefined,
    });
  });

  // --- Rendering ----------------------------------------------------------------------------
  const buildView = (req: FastifyRequest, reply: FastifyReply, { shared = false }: { shared?: boolean } = {}): ViewContext => {
    const locale = req.locale;
    const href = (path: string) => `/${locale}${path === '/' ? '' : path}`;
    const currentPath = pathWithoutLocale(req.url);
    const navFor = (entries: PlatformModule['nav']): NavItem[] =>
      (entries ?? [])
        .filter((e) => !e.ability || can(req.actor, e.ability))
        .map((e) => ({ label: req.t(e.labelKey), href: href(e.href), current: currentPath.split('?')[0] === e.href }));
    let flash: FlashMessage[] = [];
    const rawFlash = req.cookies?.[FLASH_COOKIE];
    if (rawFlash) {
      const unsigned = req.unsignCookie(rawFlash);
      if (unsigned.valid && unsigned.value) {
        try {
          flash = z
            .array(z.object({ type: z.enum(['notice', 'warning', 'error']), text: z.string().max(1000), locale: z.enum(LOCALES).optional() }))
            .max(5)
            .parse(JSON.parse(unsigned.value));
        } catch {
          flash = [];
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    let csrfToken: string | undefined;
    return {
      locale,
      dir: dir(locale),
      t: req.t,
      localize: localizer(locale),
      localizeWithLocale: (value) => localizeWithLocale(value, locale),
      fmt: formatters(locale),
      actor: req.actor,
      get csrfToken() {
        // A shared page would hand one reader's token to every other reader.
        if (shared) throw new Error('a page with a form cannot be shared (reply.sharedPage)');
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      },
      path: currentPath,
      flash,
      nav: platform.modules.flatMap((m) => navFor(m.nav)),
      adminNav: platform.modules.flatMap((m) => navFor(m.adminNav)),
      href,
      asset: platform.assets.url,
      databaseKind: platform.database.kind,
    };
  };

  /** The view of a page answered without a request (the HTTP parser refused it): anonymous, no form. */
  const standaloneView = (locale: Locale): ViewContext =>
    viewWithoutRequest(locale, {
      nav: platform.modules.flatMap((m) =>
        (m.nav ?? [])
          .filter((e) => !e.ability || can(null, e.ability))
          .map((e) => ({ label: translator(locale)(e.labelKey), href: `/${locale}${e.href === '/' ? '' : e.href}`, current: false })),
      ),
      asset: platform.assets.url,
      databaseKind: platform.database.kind,
    });

  const html = (element: VNode) => `<!doctype html>${renderToString(element)}`;
  // Not only a decorator: the reply of an answer given before routing is not decorated.
  // Sent as bytes: the weak ETag hashes them and the socket writes them, where a string was encoded
  // to UTF-8 for each (80 KB twice per search page).
  const sendPage = (reply: FastifyReply, element: VNode, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(Buffer.from(html(element)));
  app.decorateReply('page', function (this: FastifyReply, element: VNode, status = 200) {
    return sendPage(this, element, status);
  });
  app.decorateReply('sharedPage', async function (this: FastifyReply, cache: VersionedCache, render: (view: ViewContext) => VNode | Promise<VNode>) {
    const req = this.request;
    if (req.actor || req.cookies[FLASH_COOKIE] || req.url.includes('?')) return this.page(await render(buildView(req, this)));
    return cache.send(req, this, {
      key: req.url,
      type: 'text/html; charset=utf-8',
      // Public, but checked on every use: a change made by an administrator shows at once.
      cacheControl: 'public, no-cache',
      // A signed-in reader (session cookie) gets another page.
      vary: 'Cookie',
      render: async () => html(await render(buildView(req, this, { shared: true }))),
    });
  });
  // Messages for the next page; several may be added during one request.
  const pendingFlash = new WeakMap<FastifyReply, FlashMessage[]>();
  app.decorateReply('flash', function (this: FastifyReply, type: FlashMessage['type'], text: string) {
    const messages: FlashMessage[] = [...(pendingFlash.get(this) ?? []), { type, text, locale: this.request.locale }];
    pendingFlash.set(this, messages);
    this.setCookie(FLASH_COOKIE, JSON.stringify(messages), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secureCookies });
    return this;
  });
  app.decorateReply('seeOther', function (this: FastifyReply, url: string) {
    return this.redirect(url, 303);
  });

  // --- Assets, language choice, root ----------------------------------------------------------
  app.get('/assets/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    const original = platform.assets.fileFor(file);
    if (!original) throw new HttpError(404, 'core.errors.not_found_title', 'core.errors.not_found_detail');
    return reply.sendFile(original, { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
  });

  app.get('/language/:locale', async (req, reply) => {
    const { locale } = req.params as { locale: string };
    if (!isLocale(locale)) throw new HttpError(404, 'core.errors.not_found_title', 'core.errors.not_found_detail');
    const next = safeNext({ next: (req.query as Record<string, unknown>).next, fallback: `/${locale}`, baseUrl: config.baseUrl });
    reply.setCookie(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', secure: config.secureCookies });
    // Land on the same page in the chosen language.
    const target = isLocale(next.split('/')[1]) ? `/${locale}${pathWithoutLocale(next) === '/' ? '' : pathWithoutLocale(next)}` : next;
    return reply.seeOther(target);
  });

  app.get('/', async (req, reply) => reply.header('vary', 'Accept-Language, Cookie').seeOther(`/${req.locale}`));

  // --- Errors ---------------------------------------------------------------------------------

  const wantsJson = (req: FastifyRequest) => req.isApi || (req.headers.accept ?? '').startsWith('application/json');

  const answerError = async (error: Error & { statusCode?: number; code?: string; validation?: unknown }, req: FastifyRequest, reply: FastifyReply) => {
    const t = req.t ?? translator(DEFAULT_LOCALE);
    let status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    let titleKey = 'core.errors.server_title';
    let detail: string | undefined;
    let errors: { pointer: string; detail: string }[] | undefined;

    if (error instanceof HttpError) {
      titleKey = error.titleKey;
      detail = error.detailKey ? t(error.detailKey, error.values) : undefined;
      errors = error.fields?.map((f) => ({ pointer: f.pointer, detail: t(f.detailKey) }));
    } else if (isDatabaseUnavailable(error)) {
      // The database is restarting, unreachable, full or too slow: nothing was acknowledged, and
      // the same request may be sent again (a vote then counts once: its unique index).
      status = 503;
      titleKey = 'core.errors.unavailable_title';
      detail = t('core.errors.unavailable_detail');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (error instanceof Forbidden && status === 401 && !wantsJson(req) && req.method === 'GET') {
      // A page that needs an account: sign in, then come back here.
      return reply.seeOther(`/${req.locale}/sign-in?next=${encodeURIComponent(req.url)}`);
    } else if (error instanceof Forbidden) {
      titleKey = status === 401 ? 'core.errors.unauthorized_title' : 'core.errors.forbidden_title';
      detail = t(status === 401 ? 'core.errors.unauthorized_detail' : 'core.errors.forbidden_detail');
    } else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      status = 403;
      titleKey = 'core.errors.csrf_title';
      detail = t('core.errors.csrf_detail');
    } else if (error.code === 'FST_ERR_VALIDATION' && Array.isArray(error.validation)) {
      status = 400;
      titleKey = 'core.errors.validation_title';
      // fastify-type-provider-zod flattens each Zod issue into { keyword, instancePath, params }.
      const issues = (error.validation as { keyword: string; instancePath: string; message: string; params?: Record<string, unknown> }[]).map((v) => ({
        ...v.params,
        code: v.keyword,
        message: v.message,
        path: v.instancePath.split('/').slice(1).filter(Boolean),
      }));
      errors = problemErrors(issues as Parameters<typeof problemErrors>[0], t);
      detail = t('core.errors.validation_detail');
    } else if (error instanceof ZodError) {
      // A route that parses its query or params with schema.parse(): bad input, not a crash.
      status = 400;
      titleKey = 'core.errors.validation_title';
      errors = problemErrors(error.issues, t);
      detail = t('core.errors.validation_detail');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      status = 413;
      titleKey = 'core.errors.too_large_title';
      detail = t('core.errors.too_large_detail');
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      titleKey = 'core.errors.media_type_title';
      detail = t('core.errors.media_type_detail');
    } else if (error.code === 'RATE_LIMITED' || status === 429) {
      status = 429;
      titleKey = 'core.errors.rate_limited_title';
      detail = t('core.errors.rate_limited_detail');
    } else if (status < 500) {
      titleKey = 'core.errors.bad_request_title';
      detail = t('core.errors.bad_request_detail');
    }

    if (status === 503) req.log.warn({ code: error.code, status }, `database unavailable: ${error.message}`);
    else if (status >= 500) req.log.error({ error: loggableError(error) }, 'unhandled error');
    else req.log.info({ code: error.code, status }, error.message);

    if (wantsJson(req)) return sendProblem(req, reply, status, { title: t(titleKey), ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) });
    try {
      return sendPage(reply, ErrorPage({ view: buildView(req, reply), title: t(titleKey), detail, status }), status);
    } catch (renderError) {
      // Last resort: never a stack trace, never an empty answer.
      req.log.error({ error: loggableError(renderError) }, 'error page failed');
      return reply.code(status).type('text/plain; charset=utf-8').send(t(titleKey));
    }
  };
  app.setErrorHandler(answerError);

  // A path Fastify's router cannot decode (`/en/stocktaking/%ff`, `/fr/%E0%A4%A`) or with a
  // parameter longer than the router accepts: no route and no hook has run, so the headers and
  // the language are set here, then the platform's own error answer (page or problem) is sent.
  const earlyErrors: EarlyErrorHandlers = early ?? {};
  earlyErrors.frameworkError = (error, req, reply) => {
    securityHeaders(req.raw, reply.raw, () => {});
    reply.header('x-request-id', req.id);
    assignLocale(req);
    const answer =
      error.code === 'FST_ERR_BAD_URL'
        ? new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_address')
        : new HttpError(414, 'core.errors.bad_request_title', 'core.errors.bad_request_detail');
    void answerError(answer, req, reply);
  };

  // A request Node's HTTP parser refused (a raw space or non-ASCII byte in the URL, a malformed
  // header): there is no request object, only the bytes received. The answer is written on the
  // socket, with the same security headers and, in the language of the URL's prefix, the same
  // error page (or problem document under /api/) as any other bad request.
  const headerRecorder = () => {
    const headers: Record<string, string> = {};
    const res = {
      setHeader: (name: string, value: string | number | readonly string[]) => {
        headers[name] = String(value);
      },
      getHeader: (name: string) => headers[name],
      removeHeader: (name: string) => {
        delete headers[name];
      },
    };
    securityHeaders({ headers: {} } as never, res as never, () => {});
    return headers;
  };
  const staticSecurityHeaders = headerRecorder();
  earlyErrors.clientError = (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const target = /^[A-Z]{3,10} (\S+)/.exec(Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '')?.[1] ?? '/';
    const first = target.split(/[/?#]/)[1];
    const locale = isLocale(first) ? first : DEFAULT_LOCALE;
    const t = translator(locale);
    const titleKey = status === 431 ? 'core.errors.too_large_title' : 'core.errors.bad_request_title';
    const detail = t(error.code === 'HPE_INVALID_URL' ? 'core.errors.invalid_address' : status === 431 ? 'core.errors.too_large_detail' : 'core.errors.bad_request_detail');
    const isApi = target.startsWith('/api/');
    let body: string;
    try {
      body = isApi
        ? JSON.stringify({ type: 'about:blank', status, title: t(titleKey), detail })
        : `<!doctype html>${renderToString(ErrorPage({ view: standaloneView(locale), title: t(titleKey), detail, status }))}`;
    } catch {
      body = t(titleKey);
    }
    const headers = {
      ...staticSecurityHeaders,
      'Content-Type': isApi ? 'application/problem+json; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Language': locale,
      'Cache-Control': 'no-store',
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`);
    app.log.info({ code: error.code, status }, 'request refused by the HTTP parser');
  };

  app.setNotFoundHandler(async (req, reply) => {
    const t = req.t;
    if (wantsJson(req)) return sendProblem(req, reply, 404, { title: t('core.errors.not_found_title'), detail: t('core.errors.not_found_detail') });
    return reply.page(ErrorPage({ view: buildView(req, reply), title: t('core.errors.not_found_title'), detail: t('core.errors.not_found_detail'), status: 404 }), 404);
  });
});

export { LOCALES };
