import type { DbOrTx } from '../../../core/db/client.js';
import { readTogether } from '../../../core/db/reads.js';
import { getEntry, type PublicEntry } from '../../stocktaking/queries.js';

/** The public stocktaking entries behind nominations (an entry withdrawn from the public database since is left out). */
export const entryTexts = async (db: DbOrTx, ids: number[]) => {
  const texts = new Map<number, PublicEntry>();
  // Read together: the pool sends them without waiting for each answer (the stories of an edition
  // read 100 or more); one after the other in a transaction (a report's).
  await readTogether(
    db,
    [...new Set(ids)].map((id) => async () => {
      try {
        texts.set(id, await getEntry(db, { actor: null, id }));
      } catch {
        // no longer public
      }
    }),
  );
  // In the order asked.
  return new Map([...new Set(ids)].flatMap((id) => (texts.has(id) ? [[id, texts.get(id) as PublicEntry] as const] : [])));
};
