import type { DbOrTx } from '../../../../core/db/client.js';
import { unsubscribes } from '../../tables.js';

/** Stops consultation announcements to an address (idempotent: a second click changes nothing). */
export const unsubscribe = async (db: DbOrTx, email: string) => {
  await db.insert(unsubscribes).values({ email: email.trim().toLowerCase() }).onConflictDoNothing();
};
