/**
 * The Stocktaking's notification events (declared in module.ts, `contributes.notificationEvents`;
 * emitted by the commands with core `notify()` in their transaction).
 */
import { defineNotificationEvent } from '../../core/notifications/notify.js';

/** To the moderators: an entry was submitted for the first time. */
export const entrySubmitted = defineNotificationEvent({
  event: 'stocktaking.entry_submitted',
  label: { key: 'stocktaking.notifications.entry_submitted_label' },
  recipients: { roles: ['moderator'] },
  message: 'stocktaking.notifications.entry_submitted',
});

/** To the moderators: an entry returned for changes was submitted again. */
export const entryResubmitted = defineNotificationEvent({
  event: 'stocktaking.entry_resubmitted',
  label: { key: 'stocktaking.notifications.entry_resubmitted_label' },
  recipients: { roles: ['moderator'] },
  message: 'stocktaking.notifications.entry_resubmitted',
});

/** To the moderators: a change to a published entry awaits their decision. */
export const revisionProposed = defineNotificationEvent({
  event: 'stocktaking.revision_proposed',
  label: { key: 'stocktaking.notifications.revision_proposed_label' },
  recipients: { roles: ['moderator'] },
  message: 'stocktaking.notifications.revision_proposed',
});

/** To the submitter: a receipt for the entry they submitted. */
export const entryReceived = defineNotificationEvent({
  event: 'stocktaking.entry_received',
  label: { key: 'stocktaking.notifications.entry_received_label' },
  recipients: 'named',
  message: 'stocktaking.notifications.entry_received',
});

export const stocktakingNotificationEvents = [entrySubmitted, entryResubmitted, revisionProposed, entryReceived];
