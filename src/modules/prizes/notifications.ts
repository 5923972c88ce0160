/**
 * The Prizes' notification events (declared in module.ts, `contributes.notificationEvents`;
 * emitted by the commands with core `notify()` in their transaction, and by the vote's statement).
 */
import { defineNotificationEvent } from '../../core/notifications/notify.js';

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

/** To the voter: a receipt for the vote (written by the vote's own statement, commands/cast-vote.ts). */
export const voteRecorded = defineNotificationEvent({
  event: 'prizes.vote_recorded',
  label: { key: 'prizes.notifications.vote_recorded_label' },
  recipients: 'named',
  message: 'prizes.notifications.vote_recorded',
});

export const prizesNotificationEvents = [nominationSubmitted, nominationReceived, expertAssigned, voteRecorded];
