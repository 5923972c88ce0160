/**
 * Read side of the submitter's pages: their entries (all states) and one entry as its editor sees
 * it, with the private contact and the pending revision. Access is checked with the module's
 * abilities on the entry as a subject (the caller passes the actor).
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { type Actor, can } from '../../../core/permissions/index.js';
import { findOrganizationsOfUser, getMembership } from '../../accounts/queries.js';
import { type EntryContent, contentOf, type EntryRow } from '../commands/entry-content.js';
import type { EntrySubject } from '../permissions.js';
import { entries, events, revisions } from '../tables.js';

export type OwnEntry = Pick<EntryRow, 'id' | 'state' | 'title' | 'originalLanguage' | 'translations' | 'updatedAt' | 'submittedAt' | 'publishedAt' | 'organizationId'> & {
  pendingRevision: boolean;
  lastComment: string | null;
};

/** Entries the actor submitted or that belong to one of their organizations, newest change first. */
export const findOwnEntries = async (db: DbOrTx, actor: Actor): Promise<OwnEntry[]> => {
  const organizationIds = (await findOrganizationsOfUser(db, actor.id)).map((o) => o.id);
  const rows = await db
    .select({
      id: entries.id,
      state: entries.state,
      title: entries.title,
      originalLanguage: entries.originalLanguage,
      translations: entries.translations,
      updatedAt: entries.updatedAt,
      submittedAt: entries.submittedAt,
      publishedAt: entries.publishedAt,
      organizationId: entries.organizationId,
      // Written out in full: inside a select list Drizzle renders a column without its table, which
      // the subquery would read as its own.
      pendingRevision: sql<boolean>`exists(select 1 from ${revisions} r where r.entry_id = stocktaking_entries.id and r.state = 'pending')`,
      lastComment: sql<
        string | null
      >`(select e.comment from ${events} e where e.entry_id = stocktaking_entries.id and e.comment is not null and e.kind in ('returned', 'rejected', 'revision-returned', 'revision-rejected') order by e.at desc, e.id desc limit 1)`,
    })
    .from(entries)
    .where(or(eq(entries.submitterId, actor.id), organizationIds.length ? inArray(entries.organizationId, organizationIds) : undefined))
    .orderBy(desc(entries.updatedAt), desc(entries.id))
    .limit(500);
  return rows.map((r) => ({ ...r, pendingRevision: Boolean(r.pendingRevision) }));
};

export type EditableEntry = {
  entry: EntryRow;
  /** What the editor edits: the pending revision of a published entry, else the entry itself. */
  content: EntryContent;
  pendingRevision: { id: number; number: number; createdAt: Date } | null;
  subject: EntrySubject;
};

/** An entry with everything its owners and moderators see, or null when the actor may not view it. */
export const getEntryForOwner = async (db: DbOrTx, { actor, id }: { actor: Actor; id: number }): Promise<EditableEntry | null> => {
  const [entry] = await db.select().from(entries).where(eq(entries.id, id));
  if (!entry) return null;
  const subject: EntrySubject = {
    entry: { state: entry.state, submitterId: entry.submitterId, organizationId: entry.organizationId },
    isMember: entry.organizationId === null ? false : Boolean(await getMembership(db, { organizationId: entry.organizationId, userId: actor.id })),
  };
  if (!can(actor, 'stocktaking.entry.view', subject)) return null;
  const [pending] =
    entry.state === 'published'
      ? await db
          .select()
          .from(revisions)
          .where(and(eq(revisions.entryId, id), eq(revisions.state, 'pending')))
      : [];
  const content = pending ? { ...contentOf(entry), ...(pending.content as EntryContent) } : contentOf(entry);
  return { entry, content, pendingRevision: pending ? { id: pending.id, number: pending.number, createdAt: pending.createdAt } : null, subject };
};
