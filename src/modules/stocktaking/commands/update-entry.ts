import { and, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { type Actor, can } from '../../../core/permissions/index.js';
import { entryInput, type EntryPatchInput } from '../inputs.js';
import { entries, revisions } from '../tables.js';
import { notify } from '../../../core/notifications/notify.js';
import { revisionProposed } from '../notifications.js';
import {
  addEvent,
  applyImageChanges,
  buildContent,
  type ContentError,
  contentOf,
  type EntryContent,
  type ImageChanges,
  inputOf,
  lockEntry,
  searchColumns,
  subjectOf,
  outdatedAfter,
} from './entry-content.js';

export type UpdateEntryResult =
  | { ok: true; id: number; state: 'draft' | 'returned' | 'published'; revisionId: number | null; unlinkedSdgs: number[] }
  | ContentError
  | { ok: false; error: 'not_found' | 'forbidden' | 'invalid_state' | 'too_many_images' }
  | { ok: false; error: 'invalid'; issues: z.core.$ZodIssue[] };

/**
 * Edits an entry (checks 'stocktaking.entry.edit' itself, on the locked row). The patch is merged
 * into the entry's texts in `patch.language` (the original language by default) and checked as a
 * whole. A draft or returned entry changes in place; a published one stays as the public sees it
 * and the edit becomes a pending revision (replacing any earlier pending one, which it builds on).
 */
export const updateEntry = async (
  db: DbOrTx,
  { actor, id, patch, images, ip }: { actor: Actor; id: number; patch: EntryPatchInput; images?: ImageChanges; ip?: string },
): Promise<UpdateEntryResult> =>
  db.transaction(async (tx) => {
    const entry = await lockEntry(tx, id);
    if (!entry) return { ok: false, error: 'not_found' } as const;
    const subject = await subjectOf(tx, actor, entry);
    if (!can(actor, 'stocktaking.entry.view', subject)) return { ok: false, error: 'not_found' } as const;
    if (!can(actor, 'stocktaking.entry.edit', subject)) return { ok: false, error: 'forbidden' } as const;
    // A submitted entry is in the moderators' hands until they decide.
    if (entry.state !== 'draft' && entry.state !== 'returned' && entry.state !== 'published') return { ok: false, error: 'invalid_state' } as const;

    const [pending] =
      entry.state === 'published'
        ? await tx
            .select()
            .from(revisions)
            .where(and(eq(revisions.entryId, id), eq(revisions.state, 'pending')))
        : [];
    const current = pending ? (pending.content as EntryContent) : contentOf(entry);
    const language = patch.language ?? current.originalLanguage;
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const parsed = entryInput.safeParse({ ...inputOf(current, language), ...changes });
    if (!parsed.success) return { ok: false, error: 'invalid', issues: parsed.error.issues } as const;
    const built = await buildContent(tx, { actor, input: parsed.data, current });
    if (!built.ok) return built;
    const imageIds = await applyImageChanges(tx, { entryId: id, actor, language, current: current.imageIds ?? [], changes: images });
    if (!imageIds) return { ok: false, error: 'too_many_images' } as const;
    built.content.imageIds = imageIds;
    built.content.outdatedLanguages = outdatedAfter({ before: current, after: built.content, language });

    if (entry.state !== 'published') {
      await tx
        .update(entries)
        .set({ ...built.content, ...searchColumns(built.content), updatedAt: new Date() })
        .where(eq(entries.id, id));
      await addEvent(tx, { entryId: id, actor, kind: 'edited' });
      await recordAction(tx, { actor, action: 'stocktaking.entry.edit', subjectType: 'stocktaking_entry', subjectId: id, before: contentOf(entry), after: built.content, ip });
      return { ok: true, id, state: entry.state, revisionId: null, unlinkedSdgs: built.unlinkedSdgs } as const;
    }

    if (pending) await tx.update(revisions).set({ state: 'superseded' }).where(eq(revisions.id, pending.id));
    const [last] = await tx
      .select({ n: max(revisions.number) })
      .from(revisions)
      .where(eq(revisions.entryId, id));
    // The first proposed change also records the version published until then (number 0), so
    // the history can show what every later version changed.
    if (last?.n === null || last?.n === undefined) {
      await tx.insert(revisions).values({
        entryId: id,
        number: 0,
        state: 'accepted',
        content: contentOf(entry),
        authorId: entry.submitterId,
        createdAt: entry.publishedAt ?? entry.updatedAt,
        decidedAt: entry.publishedAt ?? entry.updatedAt,
      });
    }
    const [revision] = await tx
      .insert(revisions)
      .values({ entryId: id, number: (last?.n ?? 0) + 1, content: built.content, authorId: actor.id })
      .returning({ id: revisions.id });
    if (!revision) throw new Error('insert failed');
    await addEvent(tx, { entryId: id, actor, kind: 'revision-proposed', revisionId: revision.id });
    await notify(tx, revisionProposed, { params: { title: entry.title }, link: `/admin/stocktaking/${id}`, except: actor.id });
    await recordAction(tx, { actor, action: 'stocktaking.entry.edit', subjectType: 'stocktaking_entry', subjectId: id, after: { revisionId: revision.id }, ip });
    return { ok: true, id, state: 'published', revisionId: revision.id, unlinkedSdgs: built.unlinkedSdgs } as const;
  });
