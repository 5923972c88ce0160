import type { DbOrTx } from '../../../core/db/client.js';
import { getEntry, type PublicEntry } from '../../stocktaking/queries.js';

/** The public stocktaking entries behind nominations (an entry withdrawn from the public database since is left out). */
export const entryTexts = async (db: DbOrTx, ids: number[]) => {
  const texts = new Map<number, PublicEntry>();
  for (const id of new Set(ids)) {
    try {
      texts.set(id, await getEntry(db, { actor: null, id }));
    } catch {
      // no longer public
    }
  }
  return texts;
};
