import { eq } from 'drizzle-orm';
import { newSecret } from '../auth/tokens.js';
import { settings } from '../auth/tables.js';
import type { DbOrTx } from './client.js';

/**
 * The secret that signs cookies, made once per installation and shared by every process through
 * the database (WSIS_SECRET overrides it).
 */
export const getCookieSecret = async (db: DbOrTx): Promise<string> => {
  if (process.env.WSIS_SECRET) return process.env.WSIS_SECRET;
  await db.insert(settings).values({ key: 'cookie_secret', value: newSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'cookie_secret'));
  return String(row?.value);
};
