/**
 * Notifications by e-mail, through the mail outbox (core/mail/outbox.tsx), in the recipient's
 * language (their account's): one message per notification for those who chose "immediate", one
 * digest a day for "daily". Both run in the background of every `wsis serve` process
 * (core/cli/serve.ts) and are safe side by side: rows are claimed with SKIP LOCKED, and a digest
 * takes the (person, day) row of core_notification_digests, so it leaves once per person per day.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../auth/tables.js';
import type { Db, DbOrTx } from '../db/client.js';
import { isLocale, type Locale } from '../i18n/locales.js';
import { enqueueMail, enqueueMails } from '../mail/outbox.js';
import type { Translate } from '../i18n/translate.js';
import type { PlatformModule } from '../module.js';
import { notificationEventsOf, notificationText } from './queries.js';
import { notificationDigests, notifications } from './tables.js';

type Options = { modules: readonly PlatformModule[]; baseUrl: string };

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');
const urlOf = (baseUrl: string, locale: Locale, link: string | null) => `${baseUrl}/${locale}${link ?? '/notifications'}`;

/**
 * The oldest "immediate" notifications not mailed yet, with their recipient's address, claimed (rows
 * another process holds are skipped). Read through core_notifications_immediate_idx: the rows
 * already mailed are not read, however many there are.
 */
export const waitingImmediate = (tx: DbOrTx, limit: number) =>
  tx
    .select({ n: notifications, to: users.email, name: users.name, locale: users.locale })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(and(eq(notifications.email, 'immediate'), isNull(notifications.mailedAt)))
    .orderBy(asc(notifications.id))
    .limit(limit)
    .for('update', { of: notifications, skipLocked: true });

/** Mails the next `limit` waiting "immediate" notifications in one transaction, one message each; returns how many. */
const mailImmediateBatch = (db: Db, events: ReturnType<typeof notificationEventsOf>, baseUrl: string, limit: number) =>
  db.transaction(async (tx) => {
    const rows = await waitingImmediate(tx, limit);
    // The batch's messages in one statement (one round trip each cost the serving process more
    // than writing them: 62 % of the mailer's time went to sending a hundred inserts).
    await enqueueMails(
      tx,
      rows.map(({ n, to, name, locale: chosen }) => {
        const locale = localeOf(chosen);
        const text = notificationText(events, n, locale);
        return {
          to,
          locale,
          compose: (t: Translate) => ({
            subject: text,
            paragraphs: [t('core.notifications.mail.greeting', { name }), text, t('core.notifications.mail.why', { url: `${baseUrl}/${locale}/account#notifications-heading` })],
            action: { label: t('core.notifications.mail.open'), url: urlOf(baseUrl, locale, n.link) },
          }),
        };
      }),
    );
    if (rows.length > 0)
      await tx
        .update(notifications)
        .set({ mailedAt: new Date() })
        .where(
          inArray(
            notifications.id,
            rows.map((r) => r.n.id),
          ),
        );
    return rows.length;
  });

/**
 * Mails the waiting "immediate" notifications, one message each, a hundred a transaction, until none
 * waits or `budgetMs` has passed: the job runs every 5 s, so a campaign's receipts are no longer held
 * to a hundred a run, and the writing of messages (processor work, in a serving process) takes at
 * most a fifth of its time while votes keep coming. Returns how many.
 */
export const mailImmediateNotifications = async (db: Db, { modules, baseUrl, limit = 100, budgetMs = 1_000 }: Options & { limit?: number; budgetMs?: number }) => {
  const events = notificationEventsOf(modules);
  const until = performance.now() + budgetMs;
  let mailed = 0;
  for (;;) {
    const n = await mailImmediateBatch(db, events, baseUrl, limit);
    mailed += n;
    if (n < limit || performance.now() >= until) return mailed;
  }
};

/** The UTC day of an instant ('2026-12-05'). */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Sends today's digests: to each person who chose "daily" and has notifications not mailed yet,
 * one message listing the unread ones, once per UTC day however many processes run it at once.
 * Returns how many digests this call sent.
 */
export const sendNotificationDigests = async (db: Db, { modules, baseUrl, now = new Date() }: Options & { now?: Date }) => {
  const events = notificationEventsOf(modules);
  const day = utcDay(now);
  const waiting = await db
    .selectDistinct({ recipientId: notifications.recipientId })
    .from(notifications)
    .where(and(eq(notifications.email, 'daily'), isNull(notifications.mailedAt)))
    .orderBy(notifications.recipientId);
  let sent = 0;
  for (const { recipientId } of waiting) {
    const didSend = await db.transaction(async (tx) => {
      // The person's waiting rows, locked: a second run waits here, then finds them mailed.
      const rows = await tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, recipientId), eq(notifications.email, 'daily'), isNull(notifications.mailedAt)))
        .orderBy(asc(notifications.id))
        .for('update');
      if (rows.length === 0) return false;
      const unread = rows.filter((r) => r.readAt === null);
      let mailed = false;
      if (unread.length > 0) {
        // Once a day: a second digest the same day finds the row taken and waits for tomorrow.
        const taken = await tx
          .insert(notificationDigests)
          .values({ recipientId, day, notifications: unread.length })
          .onConflictDoNothing()
          .returning({ day: notificationDigests.day });
        if (taken.length === 0) return false;
        const [person] = await tx.select({ to: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, recipientId));
        if (!person) return false;
        const locale = localeOf(person.locale);
        const lines = unread.map((n) => `• ${notificationText(events, n, locale)}\n  ${urlOf(baseUrl, locale, n.link)}`);
        await enqueueMail(tx, {
          to: person.to,
          locale,
          compose: (t) => ({
            subject: t('core.notifications.digest.subject', { count: unread.length }),
            paragraphs: [
              t('core.notifications.mail.greeting', { name: person.name }),
              t('core.notifications.digest.intro', { count: unread.length }),
              ...lines,
              t('core.notifications.mail.why', { url: `${baseUrl}/${locale}/account#notifications-heading` }),
            ],
            action: { label: t('core.notifications.digest.open'), url: urlOf(baseUrl, locale, null) },
          }),
        });
        mailed = true;
      }
      // Read ones are not mailed, and not kept waiting either.
      await tx
        .update(notifications)
        .set({ mailedAt: sql`now()` })
        .where(
          inArray(
            notifications.id,
            rows.map((r) => r.id),
          ),
        );
      return mailed;
    });
    if (didSend) sent++;
  }
  return sent;
};
