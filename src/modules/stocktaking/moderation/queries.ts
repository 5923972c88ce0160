/**
 * Read side of moderation: the queue (new entries and proposed changes, oldest first), likely
 * duplicates, the calls for updates. Only for moderators (routes check 'stocktaking.entry.moderate');
 * these queries read private columns (contact) and every state.
 */
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { contentOf, type EntryContent, type EntryRow } from '../commands/entry-content.js';
import { calls, entries, events, revisions } from '../tables.js';

export const QUEUE_KINDS = ['all', 'new', 'revision'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_PAGE_SIZE = 50;

export type QueueFilter = { kind: QueueKind; language?: Locale; actionLine?: string; q?: string; page: number };

export type QueueItem = {
  id: number;
  kind: 'new' | 'revision';
  /** What the moderator decides on: the submitted entry, or the pending revision's content. */
  content: EntryContent;
  /** When it started waiting (submission, or the revision's proposal). */
  waitingSince: Date;
  submitterId: number | null;
  submitterName: string | null;
  submitterEmail: string | null;
  revisionNumber: number | null;
};

/** Normalized text of every language's title, for similarity (pg_trgm). */
const titleText = (column: SQL | typeof entries.title) => sql`lower(coalesce((select string_agg(v, ' ') from jsonb_each_text(${column}) as t(k, v)), ''))`;

/**
 * What awaits a decision, oldest first: submitted entries and the pending revisions of published
 * ones. Filters: kind, original language, action line, words of the title.
 */
export const findQueue = async (db: DbOrTx, filter: QueueFilter): Promise<{ items: QueueItem[]; total: number }> => {
  const since = sql<Date>`coalesce(${revisions.createdAt}, ${entries.submittedAt}, ${entries.updatedAt})`;
  const conditions: (SQL | undefined)[] = [
    filter.kind === 'new'
      ? eq(entries.state, 'submitted')
      : filter.kind === 'revision'
        ? and(eq(entries.state, 'published'), sql`${revisions.id} is not null`)
        : or(eq(entries.state, 'submitted'), and(eq(entries.state, 'published'), sql`${revisions.id} is not null`)),
    filter.language ? eq(entries.originalLanguage, filter.language) : undefined,
    filter.actionLine ? sql`coalesce(${revisions.content}->'actionLines', to_jsonb(${entries.actionLines})) ? ${filter.actionLine}` : undefined,
    filter.q
      ? sql`${titleText(sql`coalesce(${revisions.content}->'title', ${entries.title})`)} like ${`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
      : undefined,
  ];
  const from = db
    .select({
      entry: entries,
      revision: { id: revisions.id, number: revisions.number, content: revisions.content, createdAt: revisions.createdAt },
      since,
      submitterName: users.name,
      submitterEmail: users.email,
    })
    .from(entries)
    .leftJoin(revisions, and(eq(revisions.entryId, entries.id), eq(revisions.state, 'pending')))
    .leftJoin(users, eq(users.id, entries.submitterId))
    .where(and(...conditions));
  const rows = await from
    .orderBy(asc(since), asc(entries.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((filter.page - 1) * QUEUE_PAGE_SIZE);
  const [counted] = await db
    .select({ n: sql<number>`count(*)` })
    .from(entries)
    .leftJoin(revisions, and(eq(revisions.entryId, entries.id), eq(revisions.state, 'pending')))
    .where(and(...conditions));
  return {
    items: rows.map((r) => ({
      id: r.entry.id,
      kind: r.revision?.id ? 'revision' : 'new',
      content: r.revision?.id ? { ...contentOf(r.entry), ...(r.revision.content as EntryContent) } : contentOf(r.entry),
      waitingSince: new Date(r.since),
      submitterId: r.entry.submitterId,
      submitterName: r.submitterName,
      submitterEmail: r.submitterEmail,
      revisionNumber: r.revision?.number ?? null,
    })),
    total: Number(counted?.n ?? 0),
  };
};

export type Duplicate = { id: number; state: EntryRow['state']; title: EntryRow['title']; publishedYear: number | null; similarity: number };

/** Below this title similarity (pg_trgm, 0–1) two entries are not flagged as likely duplicates. */
export const DUPLICATE_THRESHOLD = 0.45;

/**
 * Entries of the same organization (or, without one, the same submitter), any year and any
 * state but rejected, whose title is similar to one of the given entries' (in any language).
 */
export const findLikelyDuplicates = async (db: DbOrTx, items: { id: number; content: EntryContent; submitterId: number | null }[]): Promise<Map<number, Duplicate[]>> => {
  const result = new Map<number, Duplicate[]>();
  for (const item of items) {
    const owner =
      item.content.organizationId !== null
        ? eq(entries.organizationId, item.content.organizationId)
        : item.submitterId !== null
          ? eq(entries.submitterId, item.submitterId)
          : undefined;
    if (!owner) {
      result.set(item.id, []);
      continue;
    }
    const mine = titleText(sql`${sql.param(JSON.stringify(item.content.title))}::jsonb`);
    const score = sql<number>`similarity(${mine}, ${titleText(entries.title)})`;
    const rows = await db
      .select({ id: entries.id, state: entries.state, title: entries.title, publishedYear: entries.publishedYear, similarity: score })
      .from(entries)
      .where(and(owner, sql`${entries.id} <> ${item.id}`, sql`${entries.state} <> 'rejected'`, sql`${score} >= ${DUPLICATE_THRESHOLD}`))
      .orderBy(desc(score))
      .limit(5);
    result.set(
      item.id,
      rows.map((r) => ({ ...r, similarity: Number(r.similarity) })),
    );
  }
  return result;
};

/** One entry as a moderator reviews it: everything, with its pending revision and its history. */
/** The content of an entry as it was when last returned to its submitter (null if never returned, or returned before this was kept). */
export const findContentAtLastReturn = async (db: DbOrTx, entryId: number): Promise<EntryContent | null> => {
  const [row] = await db
    .select({ content: events.content })
    .from(events)
    .where(and(eq(events.entryId, entryId), eq(events.kind, 'returned')))
    .orderBy(desc(events.at), desc(events.id))
    .limit(1);
  return row?.content ? ({ outdatedLanguages: [], ...row.content } as unknown as EntryContent) : null;
};

export const getEntryForReview = async (db: DbOrTx, id: number) => {
  const [row] = await db
    .select({ entry: entries, submitterName: users.name, submitterEmail: users.email })
    .from(entries)
    .leftJoin(users, eq(users.id, entries.submitterId))
    .where(eq(entries.id, id));
  if (!row) return null;
  const [pending] = await db
    .select()
    .from(revisions)
    .where(and(eq(revisions.entryId, id), eq(revisions.state, 'pending')));
  return {
    entry: row.entry,
    published: contentOf(row.entry),
    pending: pending ? { id: pending.id, number: pending.number, createdAt: pending.createdAt, content: { ...contentOf(row.entry), ...(pending.content as EntryContent) } } : null,
    submitterName: row.submitterName,
    submitterEmail: row.submitterEmail,
  };
};

export type HistoryStep = { at: Date; kind: string; comment: string | null; actorName: string | null; revisionId: number | null };

/** The entry's history, oldest first, with who did each step. */
export const findEntryHistory = async (db: DbOrTx, entryId: number): Promise<HistoryStep[]> =>
  db
    .select({ at: events.at, kind: events.kind, comment: events.comment, actorName: users.name, revisionId: events.revisionId })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(eq(events.entryId, entryId))
    .orderBy(asc(events.at), asc(events.id));

export type RevisionSummary = { id: number; number: number; state: string; createdAt: Date; decidedAt: Date | null; comment: string | null; content: EntryContent };

/** Every revision of an entry, newest first. */
export const findRevisions = async (db: DbOrTx, entryId: number): Promise<RevisionSummary[]> => {
  const rows = await db.select().from(revisions).where(eq(revisions.entryId, entryId)).orderBy(desc(revisions.number));
  return rows.map((r) => ({ id: r.id, number: r.number, state: r.state, createdAt: r.createdAt, decidedAt: r.decidedAt, comment: r.comment, content: r.content as EntryContent }));
};

/** The calls for updates, newest first. */
export const findCalls = async (db: DbOrTx) => db.select().from(calls).orderBy(desc(calls.opensOn), desc(calls.id));

/** The call open on `day` (YYYY-MM-DD), if any. */
export const findOpenCall = async (db: DbOrTx, day: string) =>
  (
    await db
      .select()
      .from(calls)
      .where(and(sql`${calls.opensOn} <= ${day}::date`, sql`${calls.closesOn} >= ${day}::date`))
      .orderBy(desc(calls.opensOn))
      .limit(1)
  )[0] ?? null;

/** Published entries not updated since `before`, with their owner (submitter) to e-mail. */
export const findStaleEntries = async (db: DbOrTx, before: Date) =>
  db
    .select({ id: entries.id, title: entries.title, submitterId: entries.submitterId, email: users.email, name: users.name, locale: users.locale })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.submitterId))
    .where(and(eq(entries.state, 'published'), lt(entries.updatedAt, before), eq(users.status, 'active'), inArray(entries.isDemo, [false])))
    .orderBy(asc(entries.submitterId), asc(entries.id));
