import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { deliverDueMail, enqueueMail, enqueueMails, type MailTransport, smtpTransport } from './outbox.js';
import { mailOutbox } from './tables.js';

type Received = { to: string; raw: string };

/** A real SMTP server on a random port that records what it receives, and can refuse. */
const startSmtp = async () => {
  const received: Received[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (refuse) return callback(new Error('mailbox unavailable'));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    setRefuse: (value: boolean) => {
      refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: MailTransport;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  smtp = await startSmtp();
  transport = smtpTransport(smtp.url);
});
afterAll(async () => {
  await transport.close?.();
  await smtp.close();
  await database.drop();
});

const compose = (t: (k: string) => string) => ({
  subject: t('accounts.mail.verify_subject'),
  paragraphs: [t('accounts.mail.verify_body')],
  action: { label: t('accounts.mail.verify_action'), url: 'http://platform.test/x' },
});

describe('e-mail outbox', () => {
  it('delivers through SMTP in the recipient language', async () => {
    const id = await enqueueMail(database.db, { to: 'ana@example.org', locale: 'es', compose });
    const sent = await deliverDueMail(database.db, { transport, from: 'WSIS <no-reply@wsis.test>' });
    expect(sent).toBe(1);
    const message = smtp.received.find((m) => m.to === 'ana@example.org');
    expect(message?.raw).toContain('http://platform.test/x');
    expect(message?.raw).toMatch(/Content-Type: text\/html/i);
    const [row] = await database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, Number(id)));
    expect(row).toMatchObject({ status: 'sent', locale: 'es', attempts: 1 });
    expect(row?.html).toContain('lang="es"');
  });

  it('keeps a message that the server refuses, and delivers it on a later attempt', async () => {
    const id = Number(await enqueueMail(database.db, { to: 'retry@example.org', locale: 'ar', compose }));
    smtp.setRefuse(true);
    expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(0);
    let [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('mailbox unavailable');
    expect(row?.html).toContain('dir="rtl"');

    // The retry is scheduled later; make it due now, as time would.
    await database.db
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(mailOutbox.id, id));
    smtp.setRefuse(false);
    expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(1);
    [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received.some((m) => m.to === 'retry@example.org')).toBe(true);
  });

  it('sends a campaign’s messages in one run, and stops after three refusals in a row until the next', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `voter${i}@example.org`);
    for (const to of many) await enqueueMail(database.db, { to, locale: 'fr', compose });
    // Twenty a run before: sixty in one run now.
    expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(60);
    expect(many.filter((to) => smtp.received.some((m) => m.to === to))).toEqual(many);
    const sent = await database.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'sent'));
    expect(sent.filter((m) => many.includes(m.to)).map((m) => m.attempts)).toEqual(many.map(() => 1));

    // A server that refuses everything: three attempts, the others left due for the next run.
    const refused = Array.from({ length: 10 }, (_, i) => `later${i}@example.org`);
    for (const to of refused) await enqueueMail(database.db, { to, locale: 'en', compose });
    smtp.setRefuse(true);
    try {
      expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(0);
    } finally {
      smtp.setRefuse(false);
    }
    const rows = (await database.db.select().from(mailOutbox)).filter((m) => refused.includes(m.to));
    expect(rows.map((m) => m.attempts).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(rows.every((m) => m.status === 'pending')).toBe(true);
    expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(7);
  });

  it('sends each message once when two processes deliver at the same time', async () => {
    const both = Array.from({ length: 40 }, (_, i) => `both${i}@example.org`);
    for (const to of both) await enqueueMail(database.db, { to, locale: 'ru', compose });
    const other = smtpTransport(smtp.url);
    try {
      const runs = await Promise.all([
        deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' }),
        deliverDueMail(database.db, { transport: other, from: 'wsis@wsis.test' }),
      ]);
      expect(runs[0] + runs[1]).toBe(40);
    } finally {
      await other.close?.();
    }
    expect(both.map((to) => smtp.received.filter((m) => m.to === to).length)).toEqual(both.map(() => 1));
  });

  it('queues several messages in one statement, each in its language, a held one kept until its time', async () => {
    const later = new Date(Date.now() + 3600_000);
    const queued = await enqueueMails(database.db, [
      { to: 'one@example.org', locale: 'zh', compose },
      { to: 'held@example.org', locale: 'ar', compose, notBefore: later },
      { to: 'two@example.org', locale: 'xx', compose },
    ]);
    expect(queued).toBe(3);
    expect(await enqueueMails(database.db, [])).toBe(0);
    expect(await deliverDueMail(database.db, { transport, from: 'wsis@wsis.test' })).toBe(2);
    expect(['one@example.org', 'two@example.org'].map((to) => smtp.received.filter((m) => m.to === to).length)).toEqual([1, 1]);
    const rows = await database.db.select().from(mailOutbox);
    const row = (to: string) => rows.find((m) => m.to === to);
    expect(row('one@example.org')?.html).toContain('lang="zh"');
    // An unknown language falls back to English, as for one message.
    expect(row('two@example.org')?.locale).toBe('en');
    expect(row('held@example.org')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: later });
    expect(smtp.received.some((m) => m.to === 'held@example.org')).toBe(false);
  });

  it('sends nothing for a change that rolled back', async () => {
    await database.db
      .transaction(async (tx) => {
        await enqueueMail(tx, { to: 'rolled-back@example.org', locale: 'en', compose });
        throw new Error('abort');
      })
      .catch(() => undefined);
    const rows = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'rolled-back@example.org'));
    expect(rows).toEqual([]);
  });
});
