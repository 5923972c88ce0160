/**
 * A recused expert's score never counts: a score and a conflict-of-interest declaration sent at
 * the same moment (through the commands, each in its own connection) cannot both stand, and the
 * ranking leaves out any score of an expert who declared a conflict on that nominee, whatever
 * the order the two were written in.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { getEditionByYear } from '../queries.js';
import { conflicts, scores } from '../tables.js';
import { actorOf, insertVotes, nominateAndAccept, phases } from '../test-helpers.js';
import { assignExpert } from './commands/assign-expert.js';
import { declareConflict } from './commands/declare-conflict.js';
import { scoreNominee } from './commands/score-nominee.js';
import { countExpertScores, countScores, findExpertWork, findRanking } from './queries.js';

const YEAR = 2047;
const PAIRS = 24;
let database: TestDatabase;
let manager: Actor;
/** Two shortlisted nominees of category 1: `raced` (2 valid votes) and `ranked` (1). */
let raced = 0;
let ranked = 0;

const newExpert = async () => {
  const user = await buildUser(database.db, { roles: ['expert'] });
  const assigned = await assignExpert(database.db, { actor: manager, year: YEAR, input: { email: user.email.toLowerCase(), category: 1 } });
  if (!assigned.ok) throw new Error(`assignment refused: ${assigned.error}`);
  return actorOf(user, ['expert']);
};

const rankingOf = async (nominationId: number) => {
  const edition = await getEditionByYear(database.db, YEAR);
  return (await findRanking(database.db, edition)).find((r) => r.nominationId === nominationId);
};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const managerUser = await buildUser(db, { roles: ['prize-manager'] });
  manager = actorOf(managerUser, ['prize-manager']);
  const ownerUser = await buildUser(db);
  await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, {
    actor: manager,
    year: YEAR,
    patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10, criteria: [{ id: 'impact', label: { en: 'Impact' }, weight: 1 }] },
  });
  const made = await nominateAndAccept(db, {
    owner: actorOf(ownerUser),
    manager,
    year: YEAR,
    category: 1,
    entries: [await insertPublishedEntry(db, { submitterId: ownerUser.id }), await insertPublishedEntry(db, { submitterId: ownerUser.id })],
  });
  raced = made[0]?.nomination as number;
  ranked = made[1]?.nomination as number;
  const editionId = (await getEditionByYear(db, YEAR)).id;
  await insertVotes(db, { editionId, category: 1, nominationId: raced, count: 2 });
  await insertVotes(db, { editionId, category: 1, nominationId: ranked, count: 1 });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
});
afterAll(async () => database.drop());

describe('a score and a conflict declaration sent at the same moment', () => {
  it(`never leave a counted score of the recused expert (${PAIRS} concurrent pairs)`, async () => {
    const experts: Actor[] = [];
    for (let i = 0; i < PAIRS; i++) experts.push(await newExpert());
    const outcomes = await Promise.all(
      experts.map(async (expert) => {
        const [score, conflict] = await Promise.all([
          scoreNominee(database.db, { actor: expert, nominationId: raced, input: { criteria: { impact: 9 } } }),
          declareConflict(database.db, { actor: expert, nominationId: raced }),
        ]);
        return { score, conflict };
      }),
    );
    // Each declaration is accepted; each score is either refused (the conflict came first) or withdrawn.
    for (const { score, conflict } of outcomes) {
      expect(conflict).toEqual({ ok: true });
      expect(score.ok || score.error === 'conflict').toBe(true);
    }
    expect(await database.db.select().from(conflicts).where(eq(conflicts.nominationId, raced))).toHaveLength(PAIRS);
    // No score of a recused expert is left in the table, and the ranking counts none.
    const left = await database.db
      .select({ expertId: scores.expertId })
      .from(scores)
      .innerJoin(conflicts, and(eq(conflicts.nominationId, scores.nominationId), eq(conflicts.userId, scores.expertId)));
    expect(left).toEqual([]);
    expect(await rankingOf(raced)).toMatchObject({ average: null, scoreCount: 0, conflictCount: PAIRS });
  });
});

describe('the ranking', () => {
  it('withdraws a score when its expert declares a conflict afterwards, and says so in the audit log', async () => {
    const kept = await newExpert();
    const recused = await newExpert();
    expect(await scoreNominee(database.db, { actor: kept, nominationId: ranked, input: { criteria: { impact: 8 } } })).toEqual({ ok: true, total: 8 });
    expect(await scoreNominee(database.db, { actor: recused, nominationId: ranked, input: { criteria: { impact: 2 } } })).toEqual({ ok: true, total: 2 });
    expect(await rankingOf(ranked)).toMatchObject({ average: 5, scoreCount: 2, conflictCount: 0 });
    expect(await declareConflict(database.db, { actor: recused, nominationId: ranked, note: 'Former employer' })).toEqual({ ok: true });
    expect(await rankingOf(ranked)).toMatchObject({ average: 8, scoreCount: 1, conflictCount: 1 });
    const [audit] = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, recused.id), eq(auditLog.subjectId, String(ranked)), sql`${auditLog.after} ->> 'conflict' = 'true'`));
    expect(audit?.after).toMatchObject({ conflict: true, scoreWithdrawn: true });
    // A second declaration changes nothing.
    expect(await declareConflict(database.db, { actor: recused, nominationId: ranked })).toEqual({ ok: true });
    expect(await rankingOf(ranked)).toMatchObject({ average: 8, scoreCount: 1, conflictCount: 1 });
  });

  it('leaves out a score whose expert has a conflict on the nominee, even one written before the conflict and never withdrawn', async () => {
    // What the race of the first test left on databases written before the lock: both rows.
    const expert = await newExpert();
    expect(await scoreNominee(database.db, { actor: expert, nominationId: ranked, input: { criteria: { impact: 0 } } })).toEqual({ ok: true, total: 0 });
    const before = await countScores(database.db, (await getEditionByYear(database.db, YEAR)).id);
    await database.db.insert(conflicts).values({ nominationId: ranked, userId: expert.id });
    expect(
      await database.db
        .select()
        .from(scores)
        .where(and(eq(scores.nominationId, ranked), eq(scores.expertId, expert.id))),
    ).toHaveLength(1);
    expect(await rankingOf(ranked)).toMatchObject({ average: 8, scoreCount: 1, conflictCount: 2 });
    const editionId = (await getEditionByYear(database.db, YEAR)).id;
    expect(await countScores(database.db, editionId)).toBe(before - 1);
    expect(await countExpertScores(database.db, { editionId, category: 1, userId: expert.id })).toBe(0);
    const work = await findExpertWork(database.db, { userId: expert.id, nominationIds: [ranked] });
    expect(work.conflicts.has(ranked)).toBe(true);
    expect(work.scores.has(ranked)).toBe(false);
  });
});
