import type { Command } from 'commander';
import type { FastifyInstance, FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import type { ModuleBench, ModuleBenchSeed } from './cli/bench-contract.js';
import type { Config } from './config.js';
import type { Contributions } from './contributions.js';
import type { Database, Db } from './db/client.js';
import type { FileStore } from './storage/files.js';

export type NavEntry = {
  labelKey: string;
  /** Path without the locale prefix. */
  href: string;
  /** Shown only to actors with this ability (omit for everyone). */
  ability?: string;
};

/**
 * What a capability brings to the platform. The core never imports a module: the entry files
 * (`src/platform-modules.ts`, listed there explicitly, no registration by side effect; `src/app.ts`,
 * `src/cli.ts`) hand the manifests to the core's functions, and everything a module gives to the
 * platform or to another module goes through its manifest.
 */
export type PlatformModule = {
  id: string;
  /** HTML routes, mounted under /:locale (paths include the module's own segment). */
  routes?: FastifyPluginAsync;
  /** Back-office HTML routes, mounted under /:locale/admin. */
  adminRoutes?: FastifyPluginAsync;
  /** JSON API routes, mounted under /api/v1. */
  apiRoutes?: FastifyPluginAsync;
  /** Routes at the root of the site, for addresses that must not move (`/calendar.ics`); rarely needed. */
  rootRoutes?: FastifyPluginAsync;
  nav?: NavEntry[];
  adminNav?: NavEntry[];
  /** Reference data every installation needs; idempotent. */
  seed?: (db: Db) => Promise<void>;
  /** Commands this module adds to the `wsis` program; `modules` is every module of the platform (for commands that read contributions). */
  cli?: (program: Command, context: { modules: readonly PlatformModule[] }) => void;
  /** Demonstration content, clearly marked as such; only on a first start without --no-demo. */
  demo?: (db: Db, context: { files: FileStore; modules: readonly PlatformModule[] }) => Promise<void>;
  /**
   * Fills the module's caches once the server listens, in the background, so the first reader does
   * not wait for them (a failure is logged; the cache is then filled by its first use).
   */
  warm?: (db: Db) => Promise<void>;
  /** What the module adds to another module's pages or data, by kind (core/contributions.ts). */
  contributes?: Contributions;
  /** Its corpus for `wsis seed bench` (an option of its own, e.g. `--entries <n>`). */
  benchSeed?: ModuleBenchSeed;
  /** Its cases in `wsis bench` (pages against the ceiling, its own measures, a corpus). */
  bench?: ModuleBench;
};

/** How the entry builds the web application (src/app.ts), handed to the core's commands that serve or measure it. */
export type BuildApp = (options: { config: Config; database: Database; logger?: FastifyServerOptions['logger'] }) => Promise<FastifyInstance>;

export const defineModule = (module: PlatformModule) => module;

/**
 * A route plugin whose code is loaded when the web application is built, not when the manifest is
 * read: a `wsis` command that serves nothing (`wsis user add`) does not load the pages, their
 * views and the libraries they use (Chromium's driver, the DOCX and XLSX writers), and exits sooner.
 */
export const lazyRoutes = (load: () => Promise<FastifyPluginAsync>): FastifyPluginAsync & { preload: () => Promise<FastifyPluginAsync> } => {
  let loading: Promise<FastifyPluginAsync> | null = null;
  const preload = () => {
    loading ??= load();
    return loading;
  };
  const plugin: FastifyPluginAsync = async (app, options) => {
    await (await preload())(app, options);
  };
  return Object.assign(plugin, { preload });
};

/**
 * Loads the code of every module's lazy route plugins, before they are registered: the loading
 * then does not count against Fastify's time limit for a plugin to start (10 s, which a loaded
 * machine or a test run compiling TypeScript on the fly can exceed).
 */
export const preloadRoutes = (modules: PlatformModule[]) =>
  Promise.all(
    modules.flatMap((m) => [m.routes, m.adminRoutes, m.apiRoutes, m.rootRoutes]).map((plugin) => (plugin as { preload?: () => Promise<unknown> } | undefined)?.preload?.()),
  );

/** One plugin that registers several route plugins in the same context (a module's feature folders). */
export const combineRoutes =
  (...plugins: FastifyPluginAsync[]): FastifyPluginAsync =>
  async (app, options) => {
    for (const plugin of plugins) await plugin(app, options);
  };
