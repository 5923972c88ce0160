import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../core/mail/tables.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { consultations, counters, letterSendings, unsubscribes } from '../tables.js';
import { allocateLetterNumber, letterNumberOf } from './commands/allocate-letter-number.js';
import { sendLetter } from './commands/send-letter.js';
import { actorOf, insertConsultation } from './test-helpers.js';

let kit: TestKit;
let manager: TestClient;
let consultationId: number;
const opensAt = new Date('2027-03-01T09:00:00Z');
const closesAt = new Date('2027-04-15T17:00:00Z');

beforeAll(async () => {
  kit = await createTestKit();
  manager = await kit.as(await buildUser(kit.database.db, { roles: ['consultation-manager'] }));
  consultationId = (await insertConsultation(kit.database.db, { audience: 'cwg', opensAt, closesAt })).id;
});
afterAll(async () => kit.close());

const outboxTo = async (emails: string[]) => kit.database.db.select().from(mailOutbox).where(inArray(mailOutbox.to, emails));

describe('the circular letter', () => {
  it('numbers never repeat: parallel allocations for ten consultations take ten consecutive numbers, one consultation keeps its own', async () => {
    const db = kit.database.db;
    const now = new Date('2031-06-01T00:00:00Z');
    const ids = await Promise.all(Array.from({ length: 10 }, () => insertConsultation(db).then((c) => c.id)));
    // Each in its own transaction, all at once (on PostgreSQL: ten connections racing for the counter row).
    const numbers = await Promise.all(ids.map((id) => db.transaction((tx) => allocateLetterNumber(tx, { consultationId: id, now }))));
    expect(new Set(numbers).size).toBe(10);
    expect([...numbers].sort()).toEqual(Array.from({ length: 10 }, (_, i) => letterNumberOf(2031, i + 1)));
    expect(letterNumberOf(2031, 3)).toBe('CL-31/003');
    const again = await Promise.all(Array.from({ length: 5 }, () => db.transaction((tx) => allocateLetterNumber(tx, { consultationId: ids[0] as number, now }))));
    expect(new Set(again)).toEqual(new Set([numbers[0]]));
    const [counter] = await db
      .select()
      .from(counters)
      .where(and(eq(counters.name, 'circular-letter'), eq(counters.year, 2031)));
    expect(counter?.value).toBe(10);
  });

  it('the letter page in French and Arabic: title, purpose, dates in UTC, link, the other languages', async () => {
    const fr = await kit.client().get(`/fr/consultations/${consultationId}/letter`);
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Appel à contributions sur le haut débit rural');
    expect(fr.body).toContain('Dites-nous ce qui compte.');
    expect(fr.body).toContain(
      new Intl.DateTimeFormat('fr', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(
        closesAt,
      ),
    );
    expect(fr.body).toContain(`http://platform.test/fr/consultations/${consultationId}`);
    expect(fr.body).toContain(`href="/ar/consultations/${consultationId}/letter"`);
    const ar = await kit.client().get(`/ar/consultations/${consultationId}/letter`);
    expect(ar.body).toContain('دعوة إلى المساهمة بشأن النطاق العريض في الأرياف');
    expect(ar.body).toContain('dir="rtl"');
    const draft = await insertConsultation(kit.database.db, { status: 'draft' });
    expect((await kit.client().get(`/en/consultations/${draft.id}/letter`)).statusCode).toBe(404);
    expect((await manager.get(`/en/consultations/${draft.id}/letter`)).statusCode).toBe(200);
  });

  it('sending queues one e-mail per audience member in their language, with an unsubscribe link that works; later sendings skip them', async () => {
    const db = kit.database.db;
    const french = await buildUser(db, { roles: ['cwg-member'], locale: 'fr' });
    const arabic = await buildUser(db, { roles: ['cwg-member'], locale: 'ar' });
    const outsider = await buildUser(db, { locale: 'en' });
    const unverified = await buildUser(db, { roles: ['cwg-member'], verified: false });

    await manager.get(`/en/admin/consultations/${consultationId}/exports`);
    const sent = await manager.post(`/en/admin/consultations/${consultationId}/letter/send`);
    expect(sent.statusCode).toBe(303);
    const [c] = await db.select().from(consultations).where(eq(consultations.id, consultationId));
    expect(c?.letterNumber).toMatch(/^CL-\d\d\/\d{3}$/);
    const page = await manager.get(`/en/admin/consultations/${consultationId}/exports`);
    expect(page.body).toContain(`Letter ${c?.letterNumber} queued for sending.`);

    const mails = await outboxTo([french.email, arabic.email, outsider.email, unverified.email]);
    expect(mails.map((m) => m.to).sort()).toEqual([french.email, arabic.email].sort());
    const fr = mails.find((m) => m.to === french.email);
    expect(fr?.locale).toBe('fr');
    expect(fr?.subject).toBe(`${c?.letterNumber}\u00a0: Appel à contributions sur le haut débit rural`);
    expect(fr?.text).toContain(`Lettre circulaire ${c?.letterNumber}`);
    expect(mails.find((m) => m.to === arabic.email)?.subject).toContain('دعوة إلى المساهمة');

    // The unsubscribe link: a page that asks, then a POST.
    const link = /http:\/\/platform\.test(\/fr\/consultations\/unsubscribe\?token=\S+)/.exec(fr?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const visitor = kit.client();
    const confirm = await visitor.get(link as string);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ne plus recevoir les annonces');
    const token = decodeURIComponent((link as string).split('token=')[1] as string);
    const done = await visitor.post('/fr/consultations/unsubscribe', { token });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('C’est fait');
    expect(await db.select().from(unsubscribes).where(eq(unsubscribes.email, french.email.toLowerCase()))).toHaveLength(1);
    // A second click changes nothing; a forged token is refused in the reader's language.
    expect((await visitor.post('/fr/consultations/unsubscribe', { token })).statusCode).toBe(200);
    const forged = await visitor.get(`/fr/consultations/unsubscribe?token=${encodeURIComponent(Buffer.from(outsider.email).toString('base64url'))}.forged`);
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('n’est pas valide');

    // The second sending: the same number, the French member left out.
    const second = await sendLetter(db, {
      actor: actorOf(await buildUser(db, { roles: ['consultation-manager'] }), ['consultation-manager']),
      consultationId,
      baseUrl: 'http://platform.test',
      signer: { sign: (v) => kit.app.signCookie(v), unsign: (t) => kit.app.unsignCookie(t) },
    });
    expect(second).toMatchObject({ ok: true, number: c?.letterNumber });
    const after = await outboxTo([french.email, arabic.email]);
    expect(after.filter((m) => m.to === french.email)).toHaveLength(1);
    expect(after.filter((m) => m.to === arabic.email)).toHaveLength(2);
    const sendings = await db.select().from(letterSendings).where(eq(letterSendings.consultationId, consultationId));
    expect(sendings).toHaveLength(2);
  });

  it('is not sent for a draft, nor by someone who does not manage consultations', async () => {
    const db = kit.database.db;
    const draft = await insertConsultation(db, { status: 'draft' });
    await manager.get(`/en/admin/consultations/${draft.id}/exports`);
    await manager.post(`/en/admin/consultations/${draft.id}/letter/send`);
    const page = await manager.get(`/en/admin/consultations/${draft.id}/exports`);
    expect(page.body).toContain('A draft consultation is not announced');
    expect(await db.select().from(letterSendings).where(eq(letterSendings.consultationId, draft.id))).toHaveLength(0);
    const someone = await kit.as(await buildUser(db));
    await someone.get('/en/account');
    expect((await someone.post(`/en/admin/consultations/${consultationId}/letter/send`)).statusCode).toBe(403);
  });
});
