/**
 * Results kept per process until their data changes: computing them reads every value of every
 * answer (about 0.4 s for 5,000 answers of 30 questions on an idle server), while the version of
 * their data (findResultsVersion, bumped by triggers at each committed change) is one read of a few
 * rows. The version is read before the results, so kept results are never older than the version
 * they are filed under. Readers asking at once for results not yet kept share one computation.
 * Nothing here matters if lost: another process computes its own.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { type Breakdown, findResultsVersion } from './queries.js';
import { type ConsultationResults, consultationResults } from './results.js';

const MAX_ENTRIES = 200;
/** Per database handle: two databases (tests sharing a process) may have a consultation of the same id at the same version. */
const keptByDatabase = new WeakMap<DbOrTx, Map<string, Promise<ConsultationResults>>>();

/** consultationResults, from this process's copy when the data has not changed since it was computed. */
export const keptConsultationResults = async (
  db: DbOrTx,
  consultationId: number,
  options: { locale: Locale; campaignsOnce?: boolean; breakdown?: Breakdown | null },
): Promise<ConsultationResults> => {
  let kept = keptByDatabase.get(db);
  if (!kept) {
    kept = new Map();
    keptByDatabase.set(db, kept);
  }
  const version = await findResultsVersion(db, consultationId);
  const key = [consultationId, options.locale, options.campaignsOnce ? 1 : 0, options.breakdown ?? '', version].join('\u0000');
  const found = kept.get(key);
  if (found) {
    // Most recently used last: the oldest entries leave first.
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const computing = consultationResults(db, consultationId, options);
  kept.set(key, computing);
  computing.catch(() => kept.delete(key));
  while (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value as string);
  return computing;
};
