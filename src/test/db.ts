/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on
 * the PostgreSQL server of DATABASE_URL when the suite runs as the `postgresql` project.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MODULES } from '../platform-modules.js';
import { type Database, migrateDatabase, openDatabase } from '../core/db/client.js';
import { seedReference } from '../core/cli/startup.js';

export const testDatabaseKind = (): 'pglite' | 'postgresql' => (process.env.WSIS_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite');

const serverUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('WSIS_TEST_DB=postgresql needs DATABASE_URL');
  return url;
};

const adminClient = async () => {
  const url = new URL(serverUrl());
  const client = new pg.Client({ connectionString: url.toString(), user: decodeURIComponent(url.username) || 'postgres' });
  await client.connect();
  return client;
};

export type TestDatabase = Database & { drop: () => Promise<void> };

export const createTestDatabase = async ({ seed = true }: { seed?: boolean } = {}): Promise<TestDatabase> => {
  let database: Database;
  let dropServerDatabase = async () => {};
  if (testDatabaseKind() === 'postgresql') {
    const name = `wsis_test_${randomBytes(6).toString('hex')}`;
    const admin = await adminClient();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 5 });
    dropServerDatabase = async () => {
      const a = await adminClient();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  await migrateDatabase(database);
  if (seed) await seedReference(database, MODULES);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await dropServerDatabase();
    },
  };
};
