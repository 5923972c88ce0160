/**
 * Read side of management/: the secretariat's list, the public list of calls with its filters,
 * and answer counts (which decide whether an edit makes a new version).
 */
import { and, arrayContains, count, desc, eq, gt, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { can, type MaybeActor } from '../../../core/permissions/index.js';
import type { Consultation } from '../queries.js';
import { answers, consultations } from '../tables.js';
import type { ConsultationFilters } from './inputs.js';

export type When = 'open' | 'upcoming' | 'past';

/**
 * Consultations the actor may see: the secretariat sees drafts too; everyone else every
 * consultation that has left the draft state.
 * NOTE: security-critical — every list and page of consultations goes through this.
 */
export const visibleConsultationsFor = (actor: MaybeActor): SQL | undefined => (can(actor, 'consultations.consultation.manage') ? undefined : ne(consultations.status, 'draft'));

/** Whether one consultation is visible to the actor (same rule as the list's filter). */
export const isVisibleTo = (c: Pick<Consultation, 'status'>, actor: MaybeActor) => c.status !== 'draft' || can(actor, 'consultations.consultation.manage');

/** Open now, opening later, or past (closed, results published, or its closing time gone). */
export const whenOf = (c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): When | null => {
  if (c.status === 'draft') return null;
  if (c.status !== 'open' || c.closesAt <= now) return 'past';
  return c.opensAt > now ? 'upcoming' : 'open';
};

const whenFilter = (when: When, now: Date): SQL | undefined => {
  const open = eq(consultations.status, 'open');
  if (when === 'open') return and(open, lte(consultations.opensAt, now), gt(consultations.closesAt, now));
  if (when === 'upcoming') return and(open, gt(consultations.opensAt, now));
  return or(inArray(consultations.status, ['closed', 'published']), and(open, lte(consultations.closesAt, now)));
};

export type ConsultationPage = { items: Consultation[]; total: number; page: number; pageSize: number };

/**
 * A page of consultations the actor may see, filtered by status, time (open, upcoming, past),
 * audience and topic (an action line, an SDG). Open and upcoming calls close soonest first; past
 * ones most recent first.
 */
export const findConsultations = async (
  db: DbOrTx,
  { actor, filters, now = new Date(), pageSize = 20 }: { actor: MaybeActor; filters: Partial<ConsultationFilters>; now?: Date; pageSize?: number },
): Promise<ConsultationPage> => {
  const where = and(
    visibleConsultationsFor(actor),
    filters.status ? eq(consultations.status, filters.status) : undefined,
    filters.when ? whenFilter(filters.when, now) : undefined,
    filters.audience ? eq(consultations.audience, filters.audience) : undefined,
    filters.actionLine ? arrayContains(consultations.actionLines, [filters.actionLine]) : undefined,
    filters.sdg ? arrayContains(consultations.sdgs, [filters.sdg]) : undefined,
  );
  const page = filters.page ?? 1;
  const order = filters.when === 'past' ? [desc(consultations.closesAt), desc(consultations.id)] : [consultations.closesAt, consultations.id];
  const [items, [{ n } = { n: 0 }]] = await Promise.all([
    db
      .select()
      .from(consultations)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(consultations).where(where),
  ]);
  return { items, total: n, page, pageSize };
};

export type ManagedConsultation = Consultation & { answerCount: number; submittedCount: number };

/** Every consultation with its numbers of answers (drafts included) and submitted answers, newest first; for the secretariat. */
export const findManagedConsultations = async (db: DbOrTx): Promise<ManagedConsultation[]> => {
  const rows = await db
    .select({
      consultation: consultations,
      answerCount: sql<number>`count(${answers.id})::int`,
      submittedCount: sql<number>`(count(*) filter (where ${answers.status} = 'submitted'))::int`,
    })
    .from(consultations)
    .leftJoin(answers, eq(answers.consultationId, consultations.id))
    .groupBy(consultations.id)
    .orderBy(desc(consultations.createdAt), desc(consultations.id));
  return rows.map((r) => ({ ...r.consultation, answerCount: r.answerCount, submittedCount: r.submittedCount }));
};

/** Answers (drafts included) given on each version of a consultation. */
export const countAnswersByVersion = async (db: DbOrTx, consultationId: number): Promise<Map<number, number>> => {
  const rows = await db.select({ version: answers.version, n: count() }).from(answers).where(eq(answers.consultationId, consultationId)).groupBy(answers.version);
  return new Map(rows.map((r) => [r.version, r.n]));
};
