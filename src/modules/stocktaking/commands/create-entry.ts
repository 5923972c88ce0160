import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { IMAGES_PER_ENTRY } from '../images/process.js';
import type { EntryInput } from '../inputs.js';
import { entries } from '../tables.js';
import { addEvent, applyImageChanges, buildContent, type ContentError, type ImageChanges, searchColumns } from './entry-content.js';

export type CreateEntryResult = { ok: true; id: number; state: 'draft'; unlinkedSdgs: number[] } | ContentError | { ok: false; error: 'too_many_images' };

/**
 * Creates a draft entry in the actor's name (assumes 'stocktaking.entry.create'). Codes are checked
 * against the reference data; the organization must be one of the actor's, and is required when
 * they belong to more than one. SDGs no chosen action line links to come back as a warning.
 */
export const createEntry = async (db: DbOrTx, { actor, input, images, ip }: { actor: Actor; input: EntryInput; images?: ImageChanges; ip?: string }): Promise<CreateEntryResult> =>
  db.transaction(async (tx) => {
    if ((images?.add?.length ?? 0) > IMAGES_PER_ENTRY) return { ok: false, error: 'too_many_images' } as const;
    const built = await buildContent(tx, { actor, input });
    if (!built.ok) return built;
    const [row] = await tx
      .insert(entries)
      .values({ ...built.content, state: 'draft', submitterId: actor.id, ...searchColumns(built.content) })
      .returning({ id: entries.id });
    if (!row) throw new Error('insert failed');
    if (images?.add?.length) {
      const imageIds = await applyImageChanges(tx, { entryId: row.id, actor, language: input.language, current: [], changes: images });
      await tx
        .update(entries)
        .set({ imageIds: imageIds ?? [] })
        .where(eq(entries.id, row.id));
    }
    await addEvent(tx, { entryId: row.id, actor, kind: 'created' });
    await recordAction(tx, {
      actor,
      action: 'stocktaking.entry.create',
      subjectType: 'stocktaking_entry',
      subjectId: row.id,
      after: { title: built.content.title, organizationId: built.content.organizationId },
      ip,
    });
    return { ok: true, id: row.id, state: 'draft', unlinkedSdgs: built.unlinkedSdgs } as const;
  });
