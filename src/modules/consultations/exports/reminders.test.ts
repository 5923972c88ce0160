import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueNotifications } from '../../../core/notifications/notify.js';
import { notifications } from '../../../core/notifications/tables.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { MODULES } from '../../../platform-modules.js';
import { DAY, insertAnswer, insertConsultation } from './test-helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

const remindersOf = (userId: number) =>
  kit.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), eq(notifications.kind, 'consultations.draft_reminder')));

describe('the reminder to respondents with a draft', () => {
  it('is written three days before the close, once per person and consultation, however many processes run it', async () => {
    const db = kit.database.db;
    const now = new Date();
    const closing = await insertConsultation(db, { closesAt: new Date(now.getTime() + 2 * DAY) });
    const later = await insertConsultation(db, { closesAt: new Date(now.getTime() + 5 * DAY) });
    const closed = await insertConsultation(db, { status: 'closed', closesAt: new Date(now.getTime() + DAY) });
    const drafter = await buildUser(db, { locale: 'fr' });
    const submitter = await buildUser(db);
    const laterDrafter = await buildUser(db);
    await insertAnswer(db, { consultationId: closing.id, userId: drafter.id, status: 'draft', values: { q1: { text: 'à finir' } } });
    await insertAnswer(db, { consultationId: closing.id, userId: submitter.id, values: { q1: { text: 'fait' } } });
    await insertAnswer(db, { consultationId: later.id, userId: laterDrafter.id, status: 'draft', values: {} });
    await insertAnswer(db, { consultationId: closed.id, userId: laterDrafter.id, status: 'draft', values: {} });

    // Several servers at once (each runs it every hour), then again after a restart: one reminder.
    const written = await Promise.all([1, 2, 3].map(() => sendDueNotifications(db, { modules: MODULES, now })));
    expect(written.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await sendDueNotifications(db, { modules: MODULES, now: new Date(now.getTime() + 3_600_000) })).toBe(0);
    const [reminder, ...none] = await remindersOf(drafter.id);
    expect(none).toHaveLength(0);
    expect(reminder?.link).toBe(`/consultations/${closing.id}`);
    expect(await remindersOf(submitter.id)).toHaveLength(0);
    expect(await remindersOf(laterDrafter.id)).toHaveLength(0);

    const page = await (await kit.as(drafter)).get('/fr/notifications');
    const date = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(closing.closesAt);
    expect(page.body).toContain(
      `Rappel\u00a0: votre réponse à «\u00a0\u2068Appel à contributions sur le haut débit rural\u2069\u00a0» est encore un brouillon\u202f; la consultation se termine le ${date}.`,
    );

    // Two days later the other consultation is within three days of its close.
    expect(await sendDueNotifications(db, { modules: MODULES, now: new Date(now.getTime() + 2 * DAY + 3_600_000) })).toBe(1);
    expect(await remindersOf(laterDrafter.id)).toHaveLength(1);
  });
});
