import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { countWords } from '../../../core/i18n/words.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { notify } from '../../../core/notifications/notify.js';
import type { Actor } from '../../../core/permissions/index.js';
import { nominationReceived, nominationSubmitted } from '../notifications.js';
import { getMembership } from '../../accounts/queries.js';
import { getEntry } from '../../stocktaking/queries.js';
import type { NominationInput } from '../inputs.js';
import { momentOf } from '../phases.js';
import { findPastWinnerEntries } from '../queries.js';
import { categories, editions, nominations } from '../tables.js';

/** A rule the nomination breaks: the key of its message and the values the message needs. */
export type NominationRefusal = { ok: false; error: NominationRule; params?: Record<string, string | number>; field?: string };
export type NominationRule =
  | 'edition_not_found'
  | 'not_submission_phase'
  | 'unknown_category'
  | 'entry_not_found'
  | 'not_owner'
  | 'language_not_allowed'
  | 'summary_too_short'
  | 'summary_too_long'
  | 'categories_per_project'
  | 'projects_per_organization'
  | 'past_winner'
  | 'unknown_question'
  | 'answer_required'
  | 'answer_too_long'
  | 'already_nominated';

export type SubmitNominationResult = { ok: true; id: number; state: 'submitted' } | NominationRefusal;

/** The prize managers learn of a nomination, its nominator gets a receipt (in the nomination's transaction). */
const notifyNomination = async (tx: DbOrTx, { actor, year, category, title }: { actor: Actor; year: number; category: number; title: Localized }) => {
  const params = { year: String(year), category, title };
  await notify(tx, nominationSubmitted, { params, link: `/admin/prizes/${year}/nominations`, except: actor.id });
  await notify(tx, nominationReceived, { to: [actor.id], params, link: `/prizes/${year}` });
};

/**
 * Submits one of the actor's (or their organization's) published stocktaking entries to a
 * category (assumes 'prizes.nomination.create'). Every rule of the edition is checked, each
 * refusal naming its rule. The edition row is locked so two nominations at the same moment
 * cannot both pass a "how many" rule.
 */
export const submitNomination = async (
  db: DbOrTx,
  { actor, year, input, now = new Date(), ip }: { actor: Actor; year: number; input: NominationInput; now?: Date; ip?: string },
): Promise<SubmitNominationResult> =>
  db.transaction(async (tx): Promise<SubmitNominationResult> => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for('update');
    if (!edition) return { ok: false, error: 'edition_not_found' };
    if (momentOf(edition, now) !== 'submission') return { ok: false, error: 'not_submission_phase' };
    const [category] = await tx
      .select()
      .from(categories)
      .where(and(eq(categories.editionId, edition.id), eq(categories.number, input.category)));
    if (!category) return { ok: false, error: 'unknown_category', field: 'category', params: { category: input.category } };

    let entry: Awaited<ReturnType<typeof getEntry>>;
    try {
      entry = await getEntry(tx, { actor: null, id: input.entryId });
    } catch {
      return { ok: false, error: 'entry_not_found', field: 'entryId' };
    }
    const isMember = entry.organizationId !== null && Boolean(await getMembership(tx, { organizationId: entry.organizationId, userId: actor.id }));
    if (entry.submitterId !== actor.id && !isMember) return { ok: false, error: 'not_owner', field: 'entryId' };

    if (!edition.allowedLanguages.includes(entry.originalLanguage)) {
      return { ok: false, error: 'language_not_allowed', field: 'entryId', params: { language: entry.originalLanguage } };
    }
    const summary = entry.summary[entry.originalLanguage] ?? '';
    const words = countWords(summary, entry.originalLanguage);
    if (words < edition.summaryMinWords) return { ok: false, error: 'summary_too_short', field: 'entryId', params: { words, min: edition.summaryMinWords } };
    if (words > edition.summaryMaxWords) return { ok: false, error: 'summary_too_long', field: 'entryId', params: { words, max: edition.summaryMaxWords } };

    const live = inArray(nominations.state, ['submitted', 'accepted', 'returned']);
    // A nomination returned for changes, or withdrawn by its submitter, is submitted again (same
    // row: one per entry and category); any other is final.
    const [duplicate] = await tx
      .select({ id: nominations.id, state: nominations.state })
      .from(nominations)
      .where(and(eq(nominations.editionId, edition.id), eq(nominations.entryId, entry.id), eq(nominations.categoryNumber, input.category)));
    if (duplicate && duplicate.state !== 'returned' && duplicate.state !== 'withdrawn') return { ok: false, error: 'already_nominated', field: 'category' };
    const [inCategories] = await tx
      .select({ n: sql<number>`count(distinct ${nominations.categoryNumber})` })
      .from(nominations)
      .where(and(eq(nominations.editionId, edition.id), eq(nominations.entryId, entry.id), live, ne(nominations.categoryNumber, input.category)));
    if (Number(inCategories?.n ?? 0) >= edition.categoriesPerProject) {
      return { ok: false, error: 'categories_per_project', field: 'category', params: { max: edition.categoriesPerProject } };
    }
    if (entry.organizationId !== null) {
      const [sameOrganization] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(nominations)
        .where(
          and(
            eq(nominations.editionId, edition.id),
            eq(nominations.organizationId, entry.organizationId),
            eq(nominations.categoryNumber, input.category),
            live,
            ne(nominations.entryId, entry.id),
          ),
        );
      if (Number(sameOrganization?.n ?? 0) >= edition.projectsPerOrganizationPerCategory) {
        return { ok: false, error: 'projects_per_organization', field: 'category', params: { max: edition.projectsPerOrganizationPerCategory } };
      }
    }
    if (edition.excludePastWinners && (await findPastWinnerEntries(tx, { year: edition.year, entryIds: [entry.id] })).length > 0) {
      return { ok: false, error: 'past_winner', field: 'entryId' };
    }

    const known = new Map(edition.questions.map((q) => [q.id, q]));
    for (const id of Object.keys(input.answers)) if (!known.has(id)) return { ok: false, error: 'unknown_question', field: `answers/${id}`, params: { question: id } };
    for (const question of edition.questions) {
      const answer = input.answers[question.id]?.trim() ?? '';
      if (question.required && !answer) return { ok: false, error: 'answer_required', field: `answers/${question.id}`, params: { question: question.id } };
      if (countWords(answer, entry.originalLanguage) > question.maxWords) {
        return { ok: false, error: 'answer_too_long', field: `answers/${question.id}`, params: { question: question.id, max: question.maxWords } };
      }
    }

    if (duplicate) {
      await tx
        .update(nominations)
        .set({
          state: 'submitted',
          answers: input.answers,
          submitterId: actor.id,
          organizationId: entry.organizationId,
          reason: null,
          decidedBy: null,
          decidedAt: null,
          updatedAt: now,
        })
        .where(eq(nominations.id, duplicate.id));
      await recordAction(tx, {
        actor,
        action: 'prizes.nomination.create',
        subjectType: 'prizes_nomination',
        subjectId: duplicate.id,
        before: { state: duplicate.state },
        after: { year, category: input.category, entryId: entry.id, resubmitted: true },
        ip,
      });
      await notifyNomination(tx, { actor, year, category: input.category, title: entry.title });
      return { ok: true, id: duplicate.id, state: 'submitted' };
    }
    const [row] = await tx
      .insert(nominations)
      .values({ editionId: edition.id, categoryNumber: input.category, entryId: entry.id, organizationId: entry.organizationId, submitterId: actor.id, answers: input.answers })
      .returning({ id: nominations.id });
    if (!row) throw new Error('insert failed');
    await recordAction(tx, {
      actor,
      action: 'prizes.nomination.create',
      subjectType: 'prizes_nomination',
      subjectId: row.id,
      after: { year, category: input.category, entryId: entry.id },
      ip,
    });
    await notifyNomination(tx, { actor, year, category: input.category, title: entry.title });
    return { ok: true, id: row.id, state: 'submitted' };
  });
