import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from './db/client.js';

export type NavEntry = {
  labelKey: string;
  /** Path without the locale prefix. */
  href: string;
  /** Shown only to actors with this ability (omit for everyone). */
  ability?: string;
};

/**
 * What a capability brings to the platform. `app.ts` imports every module's manifest explicitly;
 * there is no registration by side effect.
 */
export type PlatformModule = {
  id: string;
  /** HTML routes, mounted under /:locale (paths include the module's own segment). */
  routes?: FastifyPluginAsync;
  /** Back-office HTML routes, mounted under /:locale/admin. */
  adminRoutes?: FastifyPluginAsync;
  /** JSON API routes, mounted under /api/v1. */
  apiRoutes?: FastifyPluginAsync;
  nav?: NavEntry[];
  adminNav?: NavEntry[];
  /** Reference data every installation needs; idempotent. */
  seed?: (db: Db) => Promise<void>;
  /** Commands this module adds to the `wsis` program. */
  cli?: (program: Command) => void;
  /** Demonstration content, clearly marked as such; only on a first start without --no-demo. */
  demo?: (db: Db) => Promise<void>;
  /**
   * Fills the module's caches once the server listens, in the background, so the first reader does
   * not wait for them (a failure is logged; the cache is then filled by its first use).
   */
  warm?: (db: Db) => Promise<void>;
};

export const defineModule = (module: PlatformModule) => module;

/** One plugin that registers several route plugins in the same context (a module's feature folders). */
export const combineRoutes =
  (...plugins: FastifyPluginAsync[]): FastifyPluginAsync =>
  async (app, options) => {
    for (const plugin of plugins) await plugin(app, options);
  };
