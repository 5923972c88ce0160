import type { NotificationEventContribution } from '../../../core/contributions.js';

/** Events of the register (a document published → the meeting's followers). Placeholder of the skeleton. */
export const registerNotificationEvents: NotificationEventContribution[] = [];
