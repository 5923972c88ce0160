/**
 * The reminder to respondents with an unsubmitted draft, three days before the close. A `due`
 * event of the core's notifications: every server computes it each hour from the database (so it
 * survives restarts), and notify's key (consultation id) writes it once per person and
 * consultation however many processes run it at once.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import { defineNotificationEvent } from '../../../core/notifications/notify.js';
import { findDraftsClosingSoon } from './queries.js';

/** How long before the close those with a draft are reminded. */
export const DRAFT_REMINDER_MS = 3 * 86_400_000;

const draftsNearClose = async (db: DbOrTx, { now }: { now: Date }) =>
  (await findDraftsClosingSoon(db, { now, withinMs: DRAFT_REMINDER_MS })).map((r) => ({
    to: [r.userId as number],
    params: { title: r.title, deadline: { iso: r.closesAt.toISOString() } },
    link: `/consultations/${r.consultationId}`,
    key: `draft:${r.consultationId}`,
  }));

/** To a respondent: their draft answer is not submitted and the consultation closes within three days. */
export const draftReminder = defineNotificationEvent({
  event: 'consultations.draft_reminder',
  label: { key: 'consultations.exports.notifications.draft_reminder_label' },
  recipients: 'named',
  message: 'consultations.exports.notifications.draft_reminder',
  due: draftsNearClose,
});

export const exportsNotificationEvents = [draftReminder];
