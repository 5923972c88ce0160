/**
 * Contributions' notification events (declared in module.ts, `contributes.notificationEvents`),
 * written by the commands with core `notify()` in their transaction.
 */
import { defineNotificationEvent } from '../../../core/notifications/notify.js';

/** To the submitter: their contribution was received (the receipt). */
export const contributionReceived = defineNotificationEvent({
  event: 'meetings.contribution_received',
  label: { key: 'meetings.contributions.notifications.received_label' },
  recipients: 'named',
  message: 'meetings.contributions.notifications.received',
});

/** To the secretariat: a contribution awaits registration. */
export const contributionSubmitted = defineNotificationEvent({
  event: 'meetings.contribution_submitted',
  label: { key: 'meetings.contributions.notifications.submitted_label' },
  recipients: { roles: ['secretariat'] },
  message: 'meetings.contributions.notifications.submitted',
});

/** To the submitter: their contribution was registered, with its symbol. */
export const contributionRegistered = defineNotificationEvent({
  event: 'meetings.contribution_registered',
  label: { key: 'meetings.contributions.notifications.registered_label' },
  recipients: 'named',
  message: 'meetings.contributions.notifications.registered',
});

/** To the submitter: their contribution was not accepted, with the secretariat's reason. */
export const contributionRejected = defineNotificationEvent({
  event: 'meetings.contribution_rejected',
  label: { key: 'meetings.contributions.notifications.rejected_label' },
  recipients: 'named',
  message: 'meetings.contributions.notifications.rejected',
});

export const contributionNotificationEvents = [contributionReceived, contributionSubmitted, contributionRegistered, contributionRejected];
