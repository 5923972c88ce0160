/**
 * Set-up shared by the prize tests (route tests and browser tests): an edition whose clock is in
 * a given phase, actors, nominees accepted through the real commands, and voters whose accounts
 * are older than the vote.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../core/auth/tables.js';
import type { DbOrTx } from '../../core/db/client.js';
import type { Actor } from '../../core/permissions/index.js';
import { actorOf, buildUser } from '../../test/factories.js';
import { decideNomination } from './commands/decide-nomination.js';
import { submitNomination } from './commands/submit-nomination.js';
import type { EditionInput } from './inputs.js';
import { phaseDatesAround } from './phases.js';
import { PHASES, type Phase, votes } from './tables.js';

export const DAY = 86_400_000;

/**
 * The five phases around now, ten days each: the clock is in the middle of phase `current`, by
 * name or number (0 submission, 1 validation, 2 voting, 3 selection, 4 announcement).
 */
export const phases = (current: number | Phase): EditionInput['phases'] => {
  const dates = phaseDatesAround(typeof current === 'number' ? (PHASES[current] as Phase) : current);
  return Object.fromEntries(PHASES.map((p) => [p, { start: dates[p].start.toISOString(), end: dates[p].end.toISOString() }])) as EditionInput['phases'];
};

/** A user as the actor of a command: active, verified, with these roles. */
export { actorOf };

/**
 * Nominates each of `owner`'s published entries in `category` and accepts it, through the
 * commands (the edition must be in its submission phase). Entries are published by the caller
 * (stocktaking's insertPublishedEntry: a module does not import another's helpers). Returns the
 * nominations with their entries, in the order given.
 */
export const nominateAndAccept = async (
  db: DbOrTx,
  { owner, manager, year, category, entries }: { owner: Actor; manager: Actor; year: number; category: number; entries: { id: number }[] },
) => {
  const made: { nomination: number; entry: number }[] = [];
  for (const entry of entries) {
    const submitted = await submitNomination(db, { actor: owner, year, input: { entryId: entry.id, category, answers: {} } });
    if (!submitted.ok) throw new Error(`nomination refused: ${submitted.error}`);
    const decided = await decideNomination(db, { actor: manager, id: submitted.id, input: { decision: 'accept' }, baseUrl: 'http://platform.test' });
    if (!decided.ok) throw new Error(`decision refused: ${decided.error}`);
    made.push({ nomination: submitted.id, entry: entry.id });
  }
  return made;
};

/** A voter whose account was created `daysOld` days ago (before voting opened, for the phases above). */
export const buildVoter = async (db: DbOrTx, { daysOld = 90 }: { daysOld?: number } = {}) => {
  const voter = await buildUser(db);
  await db
    .update(users)
    .set({ createdAt: new Date(Date.now() - daysOld * DAY) })
    .where(eq(users.id, voter.id));
  return voter;
};

/** `count` valid votes for a nominee, each from a new voter created before voting; returns the voters. */
export const insertVotes = async (db: DbOrTx, { editionId, category, nominationId, count }: { editionId: number; category: number; nominationId: number; count: number }) => {
  const voters: Awaited<ReturnType<typeof buildVoter>>[] = [];
  for (let i = 0; i < count; i++) {
    const voter = await buildVoter(db);
    await db.insert(votes).values({ editionId, categoryNumber: category, nominationId, voterId: voter.id });
    voters.push(voter);
  }
  return voters;
};
