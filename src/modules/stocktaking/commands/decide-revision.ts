import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { Decision } from '../inputs.js';
import { entries, revisions } from '../tables.js';
import { addEvent, type EntryContent, lockEntry, searchColumns } from './entry-content.js';
import { mailDecision } from './mails.js';

export type DecideRevisionResult =
  | { ok: true; id: number; revisionId: number; state: 'accepted' | 'returned' | 'rejected' }
  | { ok: false; error: 'not_found' | 'no_pending_revision' | 'comment_required' };

const OUTCOME = { publish: 'accepted', return: 'returned', reject: 'rejected' } as const;

/**
 * Decides the pending revision of a published entry (assumes 'stocktaking.entry.moderate'):
 * `publish` copies its content onto the entry (and recomputes the search columns); `return` and
 * `reject` leave the published version as it is and need a comment. The author is e-mailed.
 */
export const decideRevision = async (
  db: DbOrTx,
  { actor, entryId, decision, comment, baseUrl, ip }: { actor: Actor; entryId: number; decision: Decision; comment?: string | null; baseUrl: string; ip?: string },
): Promise<DecideRevisionResult> =>
  db.transaction(async (tx) => {
    const entry = await lockEntry(tx, entryId);
    if (!entry) return { ok: false, error: 'not_found' } as const;
    const [revision] = await tx
      .select()
      .from(revisions)
      .where(and(eq(revisions.entryId, entryId), eq(revisions.state, 'pending')));
    if (!revision) return { ok: false, error: 'no_pending_revision' } as const;
    const note = comment?.trim() || null;
    if (decision !== 'publish' && !note) return { ok: false, error: 'comment_required' } as const;

    const state = OUTCOME[decision];
    const now = new Date();
    await tx.update(revisions).set({ state, decidedBy: actor.id, decidedAt: now, comment: note }).where(eq(revisions.id, revision.id));
    const content = revision.content as EntryContent;
    if (state === 'accepted') {
      await tx
        .update(entries)
        .set({ ...content, ...searchColumns(content), updatedAt: now })
        .where(eq(entries.id, entryId));
    }
    await addEvent(tx, { entryId, actor, kind: `revision-${state}`, comment: note, revisionId: revision.id });
    await recordAction(tx, {
      actor,
      action: 'stocktaking.entry.moderate',
      subjectType: 'stocktaking_revision',
      subjectId: revision.id,
      after: { entryId, decision, comment: note },
      ip,
    });
    await mailDecision(tx, { userId: revision.authorId, kind: `revision_${state}`, title: content.title, comment: note, entryId, baseUrl });
    return { ok: true, id: entryId, revisionId: revision.id, state } as const;
  });
