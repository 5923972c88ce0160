/**
 * The register's notification event (declared in module.ts, `contributes.notificationEvents`):
 * a document published → everyone who follows its meeting, in their language, with the symbol
 * and the title. Written by commands/publish-document.ts in its transaction.
 */
import type { NotificationEventContribution } from '../../../core/contributions.js';
import { defineNotificationEvent } from '../../../core/notifications/notify.js';

export const documentPublished = defineNotificationEvent({
  event: 'meetings.document_published',
  label: { key: 'meetings.register.notifications.document_published_label' },
  recipients: 'named',
  message: 'meetings.register.notifications.document_published',
});

export const registerNotificationEvents: NotificationEventContribution[] = [documentPublished];
