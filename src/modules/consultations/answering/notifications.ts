/**
 * Answering's notification event (declared in module.ts, `contributes.notificationEvents`):
 * the receipt of a submitted answer, written by commands/save-answer.ts in its transaction.
 */
import { defineNotificationEvent } from '../../../core/notifications/notify.js';

/** To the respondent: their answer was received (the e-mail carries a copy of it). */
export const answerReceived = defineNotificationEvent({
  event: 'consultations.answer_received',
  label: { key: 'consultations.answering.notifications.answer_received_label' },
  recipients: 'named',
  message: 'consultations.answering.notifications.answer_received',
});

export const answeringNotificationEvents = [answerReceived];
