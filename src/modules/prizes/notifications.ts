/**
 * The Prizes' notification events (declared in module.ts, `contributes.notificationEvents`;
 * emitted by the commands with core `notify()` in their transaction, and by the vote's statement).
 */
import { and, eq, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { defineNotificationEvent } from '../../core/notifications/notify.js';
import { editions, experts } from './tables.js';

/** How long before the end of the selection phase the experts are reminded. */
export const SCORING_REMINDER_MS = 3 * 86_400_000;

/** The experts of every category whose scoring closes within SCORING_REMINDER_MS of `now` (and has not closed). */
const expertsNearDeadline = async (db: DbOrTx, { now }: { now: Date }) => {
  const rows = await db
    .select({ userId: experts.userId, category: experts.categoryNumber, year: editions.year, end: editions.selectionEnd })
    .from(experts)
    .innerJoin(editions, eq(editions.id, experts.editionId))
    .where(and(lte(editions.selectionStart, now), gt(editions.selectionEnd, now), lte(editions.selectionEnd, new Date(now.getTime() + SCORING_REMINDER_MS))));
  return rows.map((r) => ({
    to: [r.userId],
    params: { year: String(r.year), category: r.category, deadline: { iso: r.end.toISOString() } },
    link: `/prizes/${r.year}/review`,
    key: `${r.year}:${r.category}`,
  }));
};

/** To the prize managers: a nomination was submitted (or submitted again after a return). */
export const nominationSubmitted = defineNotificationEvent({
  event: 'prizes.nomination_submitted',
  label: { key: 'prizes.notifications.nomination_submitted_label' },
  recipients: { roles: ['prize-manager'] },
  message: 'prizes.notifications.nomination_submitted',
});

/** To the nominator: a receipt. */
export const nominationReceived = defineNotificationEvent({
  event: 'prizes.nomination_received',
  label: { key: 'prizes.notifications.nomination_received_label' },
  recipients: 'named',
  message: 'prizes.notifications.nomination_received',
});

/** To the expert: they were assigned a category, with the scoring deadline. */
export const expertAssigned = defineNotificationEvent({
  event: 'prizes.expert_assigned',
  label: { key: 'prizes.notifications.expert_assigned_label' },
  recipients: 'named',
  message: 'prizes.notifications.expert_assigned',
});

/** To the expert: the scoring of their category closes within three days (a reminder, once per category). */
export const scoringDeadline = defineNotificationEvent({
  event: 'prizes.scoring_deadline',
  label: { key: 'prizes.notifications.scoring_deadline_label' },
  recipients: 'named',
  message: 'prizes.notifications.scoring_deadline',
  due: expertsNearDeadline,
});

/** To the voter: a receipt for the vote (written by the vote's own statement, commands/cast-vote.ts). */
export const voteRecorded = defineNotificationEvent({
  event: 'prizes.vote_recorded',
  label: { key: 'prizes.notifications.vote_recorded_label' },
  recipients: 'named',
  message: 'prizes.notifications.vote_recorded',
});

export const prizesNotificationEvents = [nominationSubmitted, nominationReceived, expertAssigned, scoringDeadline, voteRecorded];
