/**
 * The data version of the success stories: what they are printed from changes only when one of
 * these two counters moves (both bumped at commit by triggers): prizes_data_version (editions,
 * categories, nominations, results, organizations) and stocktaking_entries_version (the entries'
 * texts). Two primary-key reads, instead of reading every story to hash the document.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import { getEntriesVersion } from '../../stocktaking/queries.js';
import { dataVersion } from '../tables.js';

export const storiesDataVersion = async (db: DbOrTx): Promise<string> => {
  const [prizes, entries] = await Promise.all([db.select({ version: dataVersion.version }).from(dataVersion), getEntriesVersion(db)]);
  return `${prizes[0]?.version ?? 0}.${entries}`;
};

/**
 * The versions (hashes of the printable document) known to this process, by edition and
 * language, each with the data version it was computed at: while the data version is the same,
 * the document is the same (the translations and styles change only with the program, and this
 * memory does not outlive it), so a download of a kept file reads two counters and nothing else.
 */
export const createVersionMemo = () => {
  const known = new Map<string, { data: string; version: string }>();
  return {
    get: (key: string, data: string) => {
      const hit = known.get(key);
      return hit?.data === data ? hit.version : undefined;
    },
    set: (key: string, data: string, version: string) => {
      known.set(key, { data, version });
    },
  };
};
