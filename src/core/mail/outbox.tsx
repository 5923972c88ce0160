/**
 * E-mail goes through an outbox table: a command writes the message in its own transaction (so
 * no mail is sent for a change that rolled back, and none is lost for one that committed), then
 * the delivery loop sends it through SMTP, retrying with back-off.
 */
import { eq, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { renderToString } from 'preact-render-to-string';
import type { Db, DbOrTx } from '../db/client.js';
import { type Fragment, insertFragment, runStatement } from '../db/statement.js';
import { dir, isLocale, type Locale } from '../i18n/locales.js';
import { type Translate, translator } from '../i18n/translate.js';
import { mailOutbox } from './tables.js';

export type MailContent = { subject: string; paragraphs: string[]; action?: { label: string; url: string } };

/** Renders an e-mail in the recipient's language, as text and HTML. */
export const renderMail = (locale: Locale, content: MailContent) => {
  const text = [...content.paragraphs, ...(content.action ? [`${content.action.label}${translator(locale)('core.text.colon')}${content.action.url}`] : [])].join('\n\n');
  const html = `<!doctype html>${renderToString(
    <html lang={locale} dir={dir(locale)}>
      <head>
        <meta charset="utf-8" />
        <title>{content.subject}</title>
      </head>
      <body style="font-family: 'Noto Sans', Arial, sans-serif; line-height: 1.5">
        {content.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        {content.action && (
          <p>
            <a href={content.action.url}>{content.action.label}</a>
          </p>
        )}
      </body>
    </html>,
  )}`;
  return { text, html };
};

type MailArgs = { to: string; locale: string; compose: (t: Translate) => MailContent /** Held until then (a call that opens later). */; notBefore?: Date };

const mailRow = ({ to, locale, compose, notBefore }: MailArgs) => {
  const lang: Locale = isLocale(locale) ? locale : 'en';
  const t = translator(lang);
  const content = compose(t);
  const footer = t('core.mail.footer');
  const { text, html } = renderMail(lang, { ...content, paragraphs: [...content.paragraphs, footer] });
  return { to, locale: lang, subject: content.subject, text, html, ...(notBefore ? { nextAttemptAt: notBefore } : {}) };
};

/** Queues an e-mail; `compose` receives the recipient's translate function. */
export const enqueueMail = async (tx: DbOrTx, args: MailArgs) => {
  const [row] = await runStatement<{ id: number }>(tx, insertFragment(mailOutbox, [mailRow(args)], { returning: 'id' }));
  return row === undefined ? undefined : Number(row.id);
};

/**
 * Queues several e-mails in one statement (a run of notifications): one round trip instead of one
 * per message. A message without `notBefore` is due at once, as enqueueMail's. Returns how many.
 */
export const enqueueMails = async (tx: DbOrTx, list: MailArgs[]) => {
  if (list.length === 0) return 0;
  const rows = list.map((args) => ({ nextAttemptAt: () => 'now()', ...mailRow(args) }));
  return (await runStatement<{ id: number }>(tx, insertFragment(mailOutbox, rows, { returning: 'id' }))).length;
};

/**
 * enqueueMail's insert as a statement not yet run, for a caller that sends it with other writes of
 * its transaction in one statement (`with … as (…)`: a data-modifying WITH always runs;
 * core/db/statement.ts).
 */
export const enqueueMailFragment = (args: MailArgs): Fragment => insertFragment(mailOutbox, [mailRow(args)]);

const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 6 * 3600_000);

export type MailTransport = {
  send: (message: { from: string; to: string; subject: string; text: string; html: string }) => Promise<unknown>;
  /** Closes the connections kept open to the mail server. */
  close?: () => Promise<void>;
};

/**
 * Mail through the SMTP server of `smtpUrl`, over pooled connections (nodemailer's pool: up to 5,
 * a hundred messages each): a campaign's receipts do not open a connection, and a TLS session,
 * for every message.
 */
export const smtpTransport = (smtpUrl: string): MailTransport => {
  // nodemailer is loaded at the first message sent, not when the server starts.
  let transporter: Promise<Transporter> | undefined;
  return {
    send: async (message) => {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({ url: smtpUrl, pool: true }));
      return (await transporter).sendMail(message);
    },
    close: async () => {
      if (transporter) (await transporter).close();
      transporter = undefined;
    },
  };
};

/**
 * How long a claimed message is kept from the other senders while it is being sent: longer than
 * nodemailer's longest wait on a silent server (its socket timeout, 10 minutes), so a slow send is
 * never claimed twice; a process that stops in the middle leaves it to be sent again after this.
 */
const SENDING_LEASE_MS = 15 * 60_000;

/** Failures in a row after which a run stops (a mail server that does not answer): the next run tries again. */
const FAILURES_TO_STOP = 3;

/**
 * Sends the messages that are due, oldest first, until none is due or `budgetMs` has passed: the
 * job runs every 5 s, so a campaign's receipts leave as fast as the mail server takes them (20 a
 * run before, 4 a second). Each message is claimed in one statement (SKIP LOCKED, its next attempt
 * moved past the lease), sent with no transaction or lock held, then marked sent; a message the
 * server refuses keeps its back-off. Several processes deliver in parallel and nothing is sent
 * twice, unless a process stops (or its database fails) after the mail server accepted a message
 * and before it is marked: it is sent again when the lease ends (at least once). Returns how many
 * were sent.
 */
export const deliverDueMail = async (db: Db, { transport, from, budgetMs = 4_000 }: { transport: MailTransport; from: string; budgetMs?: number }) => {
  const until = performance.now() + budgetMs;
  let sent = 0;
  let failedInARow = 0;
  while (performance.now() < until) {
    const [message] = await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() + make_interval(secs => ${SENDING_LEASE_MS / 1000})` })
      .where(eq(mailOutbox.id, sql`(select id from ${mailOutbox} where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit 1 for update skip locked)`))
      .returning();
    if (!message) break;
    const refusal = await transport.send({ from, to: message.to, subject: message.subject, text: message.text, html: message.html }).then(
      () => null,
      (error: unknown) => error,
    );
    const attempts = message.attempts + 1;
    if (refusal === null) {
      // A failure here is the database's: thrown, the message is sent again after its lease.
      await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), attempts, lastError: null }).where(eq(mailOutbox.id, message.id));
      sent++;
      failedInARow = 0;
      continue;
    }
    await db
      .update(mailOutbox)
      .set({
        attempts,
        lastError: String((refusal as Error).message ?? refusal).slice(0, 500),
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
      })
      .where(eq(mailOutbox.id, message.id));
    if (++failedInARow >= FAILURES_TO_STOP) break;
  }
  return sent;
};

/** Re-queues failed messages right away (admin action). */
export const retryFailedMail = async (db: DbOrTx) =>
  db.update(mailOutbox).set({ status: 'pending', nextAttemptAt: new Date(), attempts: sql`0` }).where(eq(mailOutbox.status, 'failed')).returning({ id: mailOutbox.id });
