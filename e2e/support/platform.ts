/**
 * The real platform, in this process, on a random free port of 127.0.0.1: a fresh migrated
 * database (PGlite in memory, see src/test/db.ts), the reference data, then what the first
 * `npm start` adds (the administrator and the demo content).
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp, MODULES } from '../../src/app.js';
import { initializeIfEmpty } from '../../src/core/cli/startup.js';
import { loadConfig } from '../../src/core/config.js';
import { createTestDatabase, type TestDatabase } from '../../src/test/db.js';

export type RunningPlatform = {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  /** The administrator created on first start (as `npm start` prints it). */
  admin: { email: string; password: string };
  close: () => Promise<void>;
};

export const startPlatform = async (): Promise<RunningPlatform> => {
  const database = await createTestDatabase();
  const first = await initializeIfEmpty(database, MODULES, { demo: true });
  if (!first) throw new Error('the test database was not empty');
  const config = loadConfig({ host: '127.0.0.1', port: 0, smtpUrl: undefined, dataDir: 'memory://', logLevel: process.env.E2E_LOG_LEVEL ?? 'warn' }, {});
  const app = await buildApp({ config, database });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Links in e-mails are built from the configured base URL: point it at the port we got.
  config.baseUrl = baseUrl;
  return {
    baseUrl,
    app,
    database,
    admin: { email: first.adminEmail, password: first.adminPassword },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
};
