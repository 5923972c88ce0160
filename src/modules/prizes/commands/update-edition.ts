import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { EditionPatchInput } from '../inputs.js';
import { countVoteStatusChanges, validityTermsOf } from '../queries.js';
import { phaseColumns, phaseOrderError, phasesOf } from '../phases.js';
import { categories, editions, experts, nominations, type Phase } from '../tables.js';

export type EditionCategory = NonNullable<EditionPatchInput['categories']>[number];

/**
 * A change of the categories computed from the categories as they are inside the command's
 * transaction (the edition row locked), so two managers editing at once cannot lose a change.
 */
export type CategoryRevision = (current: (typeof categories.$inferSelect)[]) => { ok: true; categories: EditionCategory[] } | { ok: false; error: CategoryRevisionError };
export type CategoryRevisionError = 'category_exists' | 'category_not_found' | 'last_category' | 'too_many_categories';

export type UpdateEditionResult =
  | { ok: true; id: number }
  | { ok: false; error: 'not_found' | 'categories_in_use' | 'word_limits' }
  /** Votes exist and the change moves the voting window or changes the rule of a valid vote: confirm with `confirmVoteChanges`. */
  | { ok: false; error: 'votes_exist'; votes: number; changed: number }
  | { ok: false; error: 'phases_out_of_order'; phase: Phase; bound: 'start' | 'end' };
export type ReviseCategoriesResult = UpdateEditionResult | { ok: false; error: CategoryRevisionError };

type UpdateArgs = {
  actor: Actor;
  year: number;
  patch: EditionPatchInput;
  reviseCategories?: CategoryRevision;
  now?: Date;
  ip?: string;
  /**
   * Once votes exist, a change of the voting window or of the rule of a valid vote is refused
   * ('votes_exist', with how many votes would change status) unless this is true. Audited either way.
   */
  confirmVoteChanges?: boolean;
};

/**
 * Changes any part of an edition (assumes 'prizes.edition.manage'): phases move (still in
 * order), settings, rules, questions, criteria. Categories can be replaced until a nomination
 * uses one of the categories that would disappear (their expert assignments go with them). Once
 * votes exist, moving the voting window or changing the rule of a valid vote needs
 * `confirmVoteChanges` (see UpdateArgs).
 */
export const updateEdition = async (db: DbOrTx, args: Omit<UpdateArgs, 'reviseCategories'>): Promise<UpdateEditionResult> =>
  // Without a revision function the revision's refusals cannot happen.
  (await applyUpdate(db, args)) as UpdateEditionResult;

/**
 * Adds, edits or removes one category of an edition (assumes 'prizes.edition.manage'): the same
 * command as the PATCH of the API (same checks: a category with nominations stays; same audit),
 * the new list computed by `revise` from the categories read under the edition's lock.
 */
export const reviseEditionCategories = async (
  db: DbOrTx,
  { actor, year, revise, now, ip }: { actor: Actor; year: number; revise: CategoryRevision; now?: Date; ip?: string },
): Promise<ReviseCategoriesResult> => applyUpdate(db, { actor, year, patch: {}, reviseCategories: revise, now, ip });

const applyUpdate = async (db: DbOrTx, { actor, year, patch, reviseCategories, now = new Date(), ip, confirmVoteChanges = false }: UpdateArgs): Promise<ReviseCategoriesResult> =>
  db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for('update');
    if (!edition) return { ok: false, error: 'not_found' } as const;
    const phases = phasesOf(edition);
    for (const [name, change] of Object.entries(patch.phases ?? {})) {
      const phase = phases[name as Phase];
      if (change?.start) phase.start = new Date(change.start);
      if (change?.end) phase.end = new Date(change.end);
    }
    const order = phaseOrderError(phases);
    if (order) return { ok: false, error: 'phases_out_of_order', ...order } as const;
    const minWords = patch.summaryMinWords ?? edition.summaryMinWords;
    const maxWords = patch.summaryMaxWords ?? edition.summaryMaxWords;
    if (minWords > maxWords) return { ok: false, error: 'word_limits' } as const;

    let voteChanges: { votes: number; changed: number } | null = null;
    const windowMoved = phases.voting.start.getTime() !== edition.votingStart.getTime() || phases.voting.end.getTime() !== edition.votingEnd.getTime();
    const ruleChanged =
      patch.validVote !== undefined &&
      (patch.validVote.accountCreatedBeforeVoting !== edition.validVote.accountCreatedBeforeVoting ||
        patch.validVote.allCategoriesRequired !== edition.validVote.allCategoriesRequired);
    if (windowMoved || ruleChanged) {
      const before = await validityTermsOf(tx, edition);
      const after = { ...before, votingStart: phases.voting.start, validVote: patch.validVote ?? edition.validVote };
      const { total, changed } = await countVoteStatusChanges(tx, { before, after });
      if (total > 0) {
        voteChanges = { votes: total, changed };
        if (!confirmVoteChanges) {
          await recordAction(tx, {
            actor,
            action: 'prizes.edition.manage',
            subjectType: 'prizes_edition',
            subjectId: edition.id,
            before: { votingStart: edition.votingStart, votingEnd: edition.votingEnd, validVote: edition.validVote },
            after: { refused: 'votes_exist', votes: total, changed, votingStart: phases.voting.start, votingEnd: phases.voting.end, validVote: after.validVote },
            ip,
          });
          return { ok: false, error: 'votes_exist', votes: total, changed } as const;
        }
      }
    }

    let nextCategories = patch.categories;
    let before: { phases: ReturnType<typeof phasesOf>; categories?: EditionCategory[] } = { phases: phasesOf(edition) };
    if (reviseCategories) {
      const current = await tx.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.number));
      const revised = reviseCategories(current);
      if (!revised.ok) return { ok: false, error: revised.error } as const;
      nextCategories = revised.categories.map(({ number, actionLine, title }) => ({ number, actionLine, title }));
      before = { ...before, categories: current.map((c) => ({ number: c.number, actionLine: c.actionLine, title: c.title })) };
    }
    if (nextCategories) {
      const kept = new Set(nextCategories.map((c) => c.number));
      const used = await tx.select({ n: nominations.categoryNumber }).from(nominations).where(eq(nominations.editionId, edition.id)).groupBy(nominations.categoryNumber);
      if (used.some((u) => !kept.has(u.n))) return { ok: false, error: 'categories_in_use' } as const;
      // Experts of a category that disappears have nothing left to score there (it has no nominee).
      await tx.delete(experts).where(and(eq(experts.editionId, edition.id), notInArray(experts.categoryNumber, [...kept])));
      await tx.delete(categories).where(eq(categories.editionId, edition.id));
      await tx.insert(categories).values(nextCategories.map((c) => ({ editionId: edition.id, number: c.number, actionLine: c.actionLine, title: c.title })));
    }
    const { phases: _phases, categories: _categories, nomineesPublished, confirmVoteChanges: _confirm, ...settings } = patch;
    await tx
      .update(editions)
      .set({
        ...phaseColumns(phases),
        ...settings,
        ...(nomineesPublished === undefined ? {} : { nomineesPublishedAt: nomineesPublished ? (edition.nomineesPublishedAt ?? now) : null }),
        updatedAt: sql`now()`,
      })
      .where(eq(editions.id, edition.id));
    await recordAction(tx, {
      actor,
      action: 'prizes.edition.manage',
      subjectType: 'prizes_edition',
      subjectId: edition.id,
      before,
      after: { ...patch, ...(nextCategories ? { categories: nextCategories } : {}), ...(voteChanges ? { confirmedVoteChanges: voteChanges } : {}) },
      ip,
    });
    return { ok: true, id: edition.id } as const;
  });
