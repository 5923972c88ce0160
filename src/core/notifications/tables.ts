import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables.js';

/** How a person wants to hear of their notifications by e-mail (auth_users.notification_email). */
export const NOTIFICATION_EMAIL_CHOICES = ['immediate', 'daily', 'none'] as const;
export type NotificationEmailChoice = (typeof NOTIFICATION_EMAIL_CHOICES)[number];

/**
 * The values a notification's message needs: numbers, text, text in several languages
 * (`{ en, fr, … }`, given in the reader's), or an instant (`{ iso }`, for `{deadline, date, long}`).
 */
export type NotificationParams = Record<string, string | number | Partial<Record<string, string>>>;

/**
 * What happened that a person should know, written by `notify()` in the same transaction as the
 * change that caused it. `kind` names an event a module declares (`contributes.notificationEvents`);
 * `email` is the recipient's e-mail choice when it was made (immediate mails go out within seconds,
 * daily ones in the next digest), `mailed_at` when it left by e-mail.
 */
export const notifications = pgTable(
  'core_notifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recipientId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    params: jsonb().$type<NotificationParams>().notNull().default({}),
    /** The page of the work, without the locale prefix ('/stocktaking/12'). */
    link: text(),
    /** For a reminder (`due` events): at most one notification per recipient, kind and key. */
    key: text(),
    email: text({ enum: NOTIFICATION_EMAIL_CHOICES }).notNull(),
    mailedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('core_notifications_recipient_idx').on(t.recipientId, t.id),
    uniqueIndex('core_notifications_key_idx').on(t.recipientId, t.kind, t.key).where(sql`key is not null`),
    // The unread count in every signed-in page's header.
    index('core_notifications_unread_idx').on(t.recipientId).where(sql`read_at is null`),
    // What the mailers still have to send, one index each, so that neither reads the rows already
    // mailed: the immediate mailer takes the oldest waiting (order by id), the digests each person.
    // One index of (email, recipient) made the immediate mailer walk the primary key past every
    // mailed row once many were waiting (14 ms at 9,300 mailed, growing with each receipt sent).
    index('core_notifications_immediate_idx').on(t.id).where(sql`mailed_at is null and email = 'immediate'`),
    index('core_notifications_daily_idx').on(t.recipientId).where(sql`mailed_at is null and email = 'daily'`),
  ],
);

/** One row per person and day a digest was sent: the unique key that makes it once a day, whatever the processes. */
export const notificationDigests = pgTable(
  'core_notification_digests',
  {
    recipientId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    notifications: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recipientId, t.day] })],
);
