import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { users } from '../auth/tables.js';
import { contributions, type NotificationEventContribution } from '../contributions.js';
import type { DbOrTx } from '../db/client.js';
import type { Locale, Localized } from '../i18n/locales.js';
import { isolate as isolateText, localizeWithLocale, translator } from '../i18n/translate.js';
import type { PlatformModule } from '../module.js';
import { type NotificationEmailChoice, type NotificationParams, notifications } from './tables.js';

/** The events every module declares, by kind. */
export const notificationEventsOf = (modules: readonly PlatformModule[]) =>
  new Map<string, NotificationEventContribution>(contributions(modules, 'notificationEvents').map(({ contribution }) => [contribution.event, contribution]));

/**
 * Text of another writer (a title) inside a sentence: isolated (FSI … PDI) so its direction cannot
 * disturb the sentence's. A year is a string (`'2026'`): a number would be grouped ("2,026").
 */
const isolate = (text: string) => (/^[\d.,-]*$/.test(text) ? text : isolateText(text));

/** The sentence of a notification in `locale` (its event's message with its params); an event no module declares any more gets a plain one. */
export const notificationText = (events: Map<string, NotificationEventContribution>, row: { kind: string; params: NotificationParams }, locale: Locale) => {
  const t = translator(locale);
  const event = events.get(row.kind);
  if (!event) return t('core.notifications.unknown_event');
  const values = Object.fromEntries(
    Object.entries(row.params).map(([key, value]) => [
      key,
      typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? isolate(value)
          : typeof value.iso === 'string'
            ? new Date(value.iso)
            : isolate(localizeWithLocale(value as Localized, locale).text),
    ]),
  );
  return t(event.message, values);
};

export type NotificationRow = typeof notifications.$inferSelect;

/** A person's notifications, newest first, with how many there are and how many are unread. */
export const findNotifications = async (db: DbOrTx, { userId, page, pageSize }: { userId: number; page: number; pageSize: number }) => {
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, userId))
      .orderBy(desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)` })
      .from(notifications)
      .where(eq(notifications.recipientId, userId)),
  ]);
  return { items, total: Number(totals?.total ?? 0), unread: Number(totals?.unread ?? 0) };
};

/** How many unread notifications a person has, counting no further than `cap` (the header shows "99+"). */
export const countUnreadNotifications = async (db: DbOrTx, userId: number, cap = 100) => {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from core_notifications where recipient_id = ${userId} and read_at is null limit ${cap}) unread`,
  );
  return Number(rows[0]?.n ?? 0);
};

/** Marks one of the person's notifications read; returns its link (null when it has none), undefined when it is not theirs. */
export const markNotificationRead = async (db: DbOrTx, { userId, id }: { userId: number; id: number }) => {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, userId)))
    .returning({ link: notifications.link });
  return row ? row.link : undefined;
};

/** Marks every unread notification of the person read; returns how many. */
export const markAllNotificationsRead = async (db: DbOrTx, userId: number) =>
  (
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id })
  ).length;

export const getNotificationEmail = async (db: DbOrTx, userId: number): Promise<NotificationEmailChoice> => {
  const [row] = await db.select({ choice: users.notificationEmail }).from(users).where(eq(users.id, userId));
  return row?.choice ?? 'immediate';
};

/**
 * The person's e-mail choice: for the notifications to come, and for those not mailed yet (a
 * person who chooses "none" gets no mail for what is waiting; those made under "none" stay unmailed).
 */
export const setNotificationEmail = async (db: DbOrTx, { userId, choice }: { userId: number; choice: NotificationEmailChoice }) =>
  db.transaction(async (tx) => {
    await tx.update(users).set({ notificationEmail: choice, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx
      .update(notifications)
      .set({ email: choice })
      .where(and(eq(notifications.recipientId, userId), isNull(notifications.mailedAt), sql`${notifications.email} <> 'none'`));
  });
