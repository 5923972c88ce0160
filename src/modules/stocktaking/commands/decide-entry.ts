import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { Decision } from '../inputs.js';
import { entries } from '../tables.js';
import { decideRevision } from './decide-revision.js';
import { addEvent, contentOf, lockEntry } from './entry-content.js';
import { mailDecision } from './mails.js';

export type DecideEntryResult =
  | { ok: true; id: number; state: 'published' | 'returned' | 'rejected'; revisionId?: number }
  | { ok: false; error: 'not_found' | 'invalid_state' | 'comment_required' | 'already_decided' };

const NEXT_STATE = { publish: 'published', return: 'returned', reject: 'rejected' } as const;

/**
 * A moderator's decision on a submitted entry (assumes 'stocktaking.entry.moderate'): publish it,
 * return it to the submitter or reject it, the last two with a comment. The first publication
 * sets published_at and the year facet. On a published entry the decision applies to its pending
 * revision (see decideRevision). The submitter is e-mailed in their language.
 */
export const decideEntry = async (
  db: DbOrTx,
  { actor, id, decision, comment, baseUrl, ip }: { actor: Actor; id: number; decision: Decision; comment?: string | null; baseUrl: string; ip?: string },
): Promise<DecideEntryResult> =>
  db.transaction(async (tx) => {
    const entry = await lockEntry(tx, id);
    if (!entry) return { ok: false, error: 'not_found' } as const;
    if (entry.state === 'published') {
      const result = await decideRevision(tx, { actor, entryId: id, decision, comment, baseUrl, ip });
      if (result.ok) return { ok: true, id, state: 'published', revisionId: result.revisionId } as const;
      if (result.error === 'comment_required' || result.error === 'not_found') return { ok: false, error: result.error } as const;
      // Published with nothing pending: decided already (by a colleague a moment ago, perhaps).
      return { ok: false, error: 'already_decided' } as const;
    }
    const note = comment?.trim() || null;
    if (decision !== 'publish' && !note) return { ok: false, error: 'comment_required' } as const;
    // The entry is locked (lockEntry): of two moderators deciding at the same moment, the second
    // reads the first one's decision here.
    if (entry.state === 'returned' || entry.state === 'rejected') return { ok: false, error: 'already_decided' } as const;
    if (entry.state !== 'submitted') return { ok: false, error: 'invalid_state' } as const;

    const state = NEXT_STATE[decision];
    const now = new Date();
    await tx
      .update(entries)
      .set({
        state,
        updatedAt: now,
        ...(state === 'published' ? { publishedAt: entry.publishedAt ?? now, publishedYear: entry.publishedYear ?? now.getUTCFullYear() } : {}),
      })
      .where(eq(entries.id, id));
    await addEvent(tx, { entryId: id, actor, kind: state, comment: note, content: state === 'returned' ? contentOf(entry) : undefined });
    await recordAction(tx, {
      actor,
      action: 'stocktaking.entry.moderate',
      subjectType: 'stocktaking_entry',
      subjectId: id,
      before: { state: entry.state },
      after: { state, comment: note },
      ip,
    });
    await mailDecision(tx, { userId: entry.submitterId, kind: state, title: entry.title, comment: note, entryId: id, baseUrl });
    return { ok: true, id, state } as const;
  });
