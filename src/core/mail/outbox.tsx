/**
 * E-mail goes through an outbox table: a command writes the message in its own transaction (so
 * no mail is sent for a change that rolled back, and none is lost for one that committed), then
 * the delivery loop sends it through SMTP, retrying with back-off.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
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
 * enqueueMail's insert as a statement not yet run, for a caller that sends it with other writes of
 * its transaction in one statement (`with … as (…)`: a data-modifying WITH always runs;
 * core/db/statement.ts).
 */
export const enqueueMailFragment = (args: MailArgs): Fragment => insertFragment(mailOutbox, [mailRow(args)]);

const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 6 * 3600_000);

export type MailTransport = { send: (message: { from: string; to: string; subject: string; text: string; html: string }) => Promise<unknown> };

export const smtpTransport = (smtpUrl: string): MailTransport => {
  // nodemailer is loaded at the first message sent, not when the server starts.
  let transporter: Promise<Transporter> | undefined;
  return {
    send: async (message) => {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      return (await transporter).sendMail(message);
    },
  };
};

/**
 * Sends the messages that are due, one at a time, each claimed with SKIP LOCKED so several
 * processes can deliver in parallel without sending anything twice. Returns how many were sent.
 */
export const deliverDueMail = async (db: Db, { transport, from, limit = 20 }: { transport: MailTransport; from: string; limit?: number }) => {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [message] = await tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, new Date())))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!message) return 'empty';
      try {
        await transport.send({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
        await tx
          .update(mailOutbox)
          .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, lastError: null })
          .where(eq(mailOutbox.id, message.id));
        return 'sent';
      } catch (error) {
        const attempts = message.attempts + 1;
        await tx
          .update(mailOutbox)
          .set({
            attempts,
            lastError: String((error as Error).message ?? error).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
          })
          .where(eq(mailOutbox.id, message.id));
        return 'failed';
      }
    });
    if (outcome === 'empty') break;
    if (outcome === 'sent') sent++;
  }
  return sent;
};

/** Re-queues failed messages right away (admin action). */
export const retryFailedMail = async (db: DbOrTx) =>
  db.update(mailOutbox).set({ status: 'pending', nextAttemptAt: new Date(), attempts: sql`0` }).where(eq(mailOutbox.status, 'failed')).returning({ id: mailOutbox.id });
