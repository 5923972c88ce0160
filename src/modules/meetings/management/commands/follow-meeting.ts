import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { meetingFollowers } from '../../tables.js';

/**
 * Follows a meeting (the register e-mails its followers when a document is published) or stops
 * following it. Idempotent both ways. Assumes 'meetings.meeting.follow' was checked and that the
 * meeting is visible to the actor. Not audited: a reader's own subscription, not a privileged action.
 */
export const followMeeting = async (db: DbOrTx, { actor, meetingId, follow }: { actor: Actor; meetingId: number; follow: boolean }) => {
  if (follow) await db.insert(meetingFollowers).values({ meetingId, userId: actor.id }).onConflictDoNothing();
  else await db.delete(meetingFollowers).where(and(eq(meetingFollowers.meetingId, meetingId), eq(meetingFollowers.userId, actor.id)));
  return { ok: true as const };
};
