import type { NotificationEventContribution } from '../../../core/contributions.js';

/** Events of contributions (a contribution submitted → the secretariat). Placeholder of the skeleton. */
export const contributionNotificationEvents: NotificationEventContribution[] = [];
