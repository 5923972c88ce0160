import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../core/auth/sessions.js';
import { mailOutbox } from '../../../core/mail/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, TEST_PASSWORD, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { createApiToken } from '../../accounts/commands/create-api-token.js';
import { memberships, organizations } from '../../accounts/tables.js';
import { answers, attachments, texts } from '../tables.js';
import { whenTextsPlaced } from '../analysis/place-texts.js';
import { saveAnswer } from './commands/save-answer.js';
import { DOCX, HOUR, insertConsultation, PDF } from './test-helpers.js';

let kit: TestKit;
let db: TestKit['database']['db'];
let user: Awaited<ReturnType<typeof buildUser>>;
let client: TestClient;

const answerOf = async (consultationId: number, respondent: string) =>
  (
    await db
      .select()
      .from(answers)
      .where(and(eq(answers.consultationId, consultationId), eq(answers.respondent, respondent)))
  )[0];

beforeAll(async () => {
  kit = await createTestKit();
  db = kit.database.db;
  user = await buildUser(db, { locale: 'fr', name: 'Amina Diop' });
  client = await kit.as(user);
});
afterAll(async () => {
  // The background placing of the last submissions ends before the database closes.
  await whenTextsPlaced(db);
  await kit.close();
});

describe('the answer form, without JavaScript', () => {
  it('walks the steps, saves a draft at each, keeps typed values on a broken rule, submits and sends a receipt with a copy', async () => {
    const c = await insertConsultation(db);
    const base = `/fr/consultations/${c.id}/answer`;
    const first = await client.get(base);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Qui répond');
    expect((await client.post(base, { step: '0', respondent: 'individual', language: 'fr', country: 'SN', gender: 'female', action: 'save' })).headers.location).toBe(
      `${base}?step=1`,
    );
    expect(await answerOf(c.id, `user:${user.id}`)).toMatchObject({ status: 'draft', language: 'fr', country: 'SN', region: 'AFR', gender: 'female' });

    const page = await client.get(`${base}?step=1`);
    expect(page.body).toContain('Votre avis');
    expect(page.body).toContain('Répondez uniquement si votre réponse à');
    const tooLong = await client.post(base, { step: '1', 'q-views': 'un deux trois quatre cinq six sept huit neuf dix onze douze', 'q-priority': 'access', action: 'save' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('10 mots au plus (vous en avez écrit 12)');
    expect(tooLong.body).toContain('onze douze');
    expect((await answerOf(c.id, `user:${user.id}`))?.values).toEqual({});

    // The question shown on condition is dropped when its condition is not met.
    await client.post(base, { step: '1', 'q-views': 'Le haut débit pour chaque village.', 'q-priority': 'skills', 'q-why-access': 'ignored', action: 'save' });
    expect((await answerOf(c.id, `user:${user.id}`))?.values).toEqual({ views: { text: 'Le haut débit pour chaque village.' }, priority: { choice: 'skills' } });

    const ranks = await client.post(base, { step: '2', 'q-score': '9', 'q-order-rank-x': '1', 'q-order-rank-y': '1', 'q-lines': ['C2', 'C99'], action: 'save' });
    expect(ranks.statusCode).toBe(422);
    expect(ranks.body).toContain('Choisissez un nombre compris entre 1 et 5.');
    expect(ranks.body).toContain('Donnez à chaque option un rang différent, de 1 à 2.');
    expect(ranks.body).toContain("L'un de ces codes ne figure pas dans la liste.");
    expect(
      (await client.post(base, { step: '2', 'q-score': '4', 'q-order-rank-x': '2', 'q-order-rank-y': '1', 'q-lines': ['C2'], 'q-agree': 'yes', action: 'save' })).statusCode,
    ).toBe(303);

    const review = await client.get(`${base}?step=3`);
    expect(review.body).toContain('Le haut débit pour chaque village.');
    expect(review.body).toContain('1. Y');
    const submitted = await client.post(base, { step: '3', action: 'submit' });
    expect(submitted.headers.location).toBe(`${base}/receipt`);
    const row = await answerOf(c.id, `user:${user.id}`);
    expect(row).toMatchObject({ status: 'submitted', version: 1, country: 'SN', region: 'AFR', gender: 'female', stakeholderType: null });
    // The submission made its free text searchable by the analysts in the same commit; its
    // campaign is looked for after the commit, in the background of the process, and it ends up placed.
    await whenTextsPlaced(db);
    const indexed = await db
      .select({ body: texts.body, language: texts.language, placed: sql<boolean>`${texts.placedAt} is not null` })
      .from(texts)
      .where(eq(texts.answerId, row?.id ?? 0));
    expect(indexed).toEqual([{ body: 'Le haut débit pour chaque village.', language: 'fr', placed: true }]);
    const receiptPage = (await client.get(`${base}/receipt`)).body;
    expect(receiptPage).toContain('Votre réponse a été reçue');
    // Each answer of the copy isolated in its own direction, placed as the page reads (a number on an Arabic page sits under its question).
    expect(receiptPage).toContain('<dd><bdi>4</bdi></dd>');
    expect(receiptPage).toContain('<dd><bdi>Le haut débit pour chaque village.</bdi></dd>');

    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(mail?.locale).toBe('fr');
    expect(mail?.subject).toContain('Accusé de réception de votre réponse');
    expect(mail?.text).toContain('Votre avis\u00a0: Le haut débit pour chaque village.');
    expect(mail?.text).toContain('Grandes orientations\u00a0: C2');
    const { rows } = await db.execute<{ mailed: boolean }>(
      sql`select mailed_at is not null as mailed from core_notifications where recipient_id = ${user.id} and kind = 'consultations.answer_received'`,
    );
    expect(rows).toEqual([{ mailed: true }]);

    // The answer changes until the close, and is submitted again.
    await client.get(`${base}?step=1`);
    await client.post(base, { step: '1', 'q-views': 'Des écoles connectées.', action: 'save' });
    expect((await answerOf(c.id, `user:${user.id}`))?.status).toBe('submitted');
    await client.post(base, { step: '3', action: 'submit' });
    expect((await answerOf(c.id, `user:${user.id}`))?.values.views).toEqual({ text: 'Des écoles connectées.' });
    expect(await db.select().from(answers).where(eq(answers.consultationId, c.id))).toHaveLength(1);
  });

  it('keeps what was typed when the session has expired, and gives it back after sign-in', async () => {
    const c = await insertConsultation(db);
    const base = `/en/consultations/${c.id}/answer`;
    const me = await buildUser(db);
    const browser = await kit.as(me);
    await browser.get(base);
    await browser.post(base, { step: '0', respondent: 'individual', language: 'en', action: 'save' });
    await browser.get(`${base}?step=1`);
    browser.cookies.delete(SESSION_COOKIE);
    const lost = await browser.post(base, { step: '1', 'q-views': 'Typed while the session expired', action: 'save' });
    expect(lost.statusCode).toBe(303);
    expect(lost.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent(base)}`);
    await browser.submit('/en/sign-in', { email: me.email, password: TEST_PASSWORD, next: base });
    const back = await browser.get(base);
    expect(back.body).toContain('Typed while the session expired');
    expect(back.body).toContain('what you typed has been kept');
    await browser.post(base, { step: '1', 'q-views': 'Typed while the session expired', action: 'save' });
    expect((await answerOf(c.id, `user:${me.id}`))?.values).toEqual({ views: { text: 'Typed while the session expired' } });
    expect((await db.select().from(answers).where(sql`${answers.respondent} like 'pending:%' and ${answers.consultationId} = ${c.id}`)).length).toBe(0);
  });

  it('refuses a late submission with the closing time, and keeps the draft', async () => {
    const c = await insertConsultation(db, { opensAt: new Date(Date.now() - 48 * HOUR), closesAt: new Date(Date.now() - HOUR) });
    const base = `/en/consultations/${c.id}/answer`;
    await client.get(base);
    await client.post(base, { step: '0', respondent: 'individual', language: 'en', action: 'save' });
    await client.post(base, { step: '1', 'q-views': 'Late but kept', action: 'save' });
    const late = await client.post(base, { step: '3', action: 'submit' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('no longer accepts answers');
    expect(late.body).toContain(`datetime="${c.closesAt.toISOString()}"`);
    expect(late.body).toContain('Your draft has been kept.');
    expect(await answerOf(c.id, `user:${user.id}`)).toMatchObject({ status: 'draft', values: { views: { text: 'Late but kept' } } });
  });

  it('tells who the consultation is for', async () => {
    const stakeholders = await insertConsultation(db, { audience: 'stakeholders' });
    const page = await client.get(`/en/consultations/${stakeholders.id}/answer`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('open to stakeholders only');
    const cwg = await insertConsultation(db, { audience: 'cwg' });
    expect((await client.get(`/en/consultations/${cwg.id}/answer`)).body).toContain('members of the Council Working Group only');
    const draft = await insertConsultation(db, { status: 'draft' });
    expect((await client.get(`/en/consultations/${draft.id}/answer`)).statusCode).toBe(404);
    expect((await client.get('/en/consultations/99999999/answer')).statusCode).toBe(404);
    expect((await client.get('/en/consultations/1e3/answer')).statusCode).toBe(404);
  });

  it('attaches a file typed from its bytes, and refuses one that lies or is too large', async () => {
    const c = await insertConsultation(db);
    const base = `/en/consultations/${c.id}/answer`;
    await client.get(base);
    await client.post(base, { step: '0', respondent: 'individual', language: 'en', action: 'save' });
    await client.get(`${base}/files/paper`);
    const ok = await client.postMultipart(`${base}/files/paper`, {}, { file: { name: 'paper.pdf', type: 'application/pdf', data: PDF() } });
    expect(ok.statusCode).toBe(303);
    const row = await answerOf(c.id, `user:${user.id}`);
    const [file] = await db
      .select()
      .from(attachments)
      .where(eq(attachments.answerId, row?.id ?? 0));
    expect(file).toMatchObject({ fileName: 'paper.pdf', mediaType: 'application/pdf', byteSize: PDF().length });
    expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.values.paper).toEqual({ attachmentId: file?.id });

    await client.get(`${base}/files/paper`);
    const lying = await client.postMultipart(`${base}/files/paper`, {}, { file: { name: 'paper.pdf', type: 'application/pdf', data: DOCX() } });
    expect(lying.statusCode).toBe(422);
    expect(lying.body).toContain('does not match its name or type');
    const big = await client.postMultipart(
      `${base}/files/paper`,
      {},
      { file: { name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF(), Buffer.alloc(1024 * 1024 + 1)]) } },
    );
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('too large');
    // A macro-enabled document is refused by the core's check (core/storage/file-type.ts), in the reader's words.
    await client.get(`${base}/files/paper`);
    const macros = await client.postMultipart(`${base}/files/paper`, {}, { file: { name: 'paper.docm', type: 'application/vnd.ms-word.document.macroEnabled.12', data: DOCX() } });
    expect(macros.statusCode).toBe(422);
    expect(macros.body).toContain('because it contains macros');
    expect(
      await db
        .select()
        .from(attachments)
        .where(eq(attachments.answerId, row?.id ?? 0)),
    ).toHaveLength(1);

    // Submitted with the file, the receipt's copy names it.
    const actor = { id: user.id, email: user.email, name: user.name, roles: [], locale: 'en', emailVerified: true, status: 'active' } as Actor;
    const done = await saveAnswer(kit.database.db, {
      actor,
      consultationId: c.id,
      input: { respondent: { kind: 'individual' }, language: 'en', values: { views: { text: 'With the paper.' }, paper: { attachmentId: file?.id } } },
      replaceAll: true,
      hidden: 'refuse',
      submit: true,
    });
    expect(done.ok).toBe(true);
    const [receipt] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, user.email), sql`${mailOutbox.text} like '%With the paper.%'`));
    expect(receipt?.text).toContain('paper.pdf');
  });
});

describe('the answer API', () => {
  let token: string;
  let orgId: number;
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, bearer = token) =>
    kit.app.inject({ method, url: `/api/v1${url}`, payload: payload as object | undefined, headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    token = (await createApiToken(db, { userId: user.id, label: 'tests', actor: null })).token;
    const [org] = await db.insert(organizations).values({ name: 'Ministry of Digital Economy', stakeholderType: 'government', country: 'KE' }).returning();
    orgId = org?.id ?? 0;
    await db.insert(memberships).values({ organizationId: orgId, userId: user.id, role: 'member' });
  });

  it('saves a draft for an organization, gives it back, and submits it with the values copied', async () => {
    const c = await insertConsultation(db, { audience: 'member-states' });
    const put = await call('PUT', `/consultations/${c.id}/answer`, {
      respondent: { kind: 'organization', organizationId: orgId },
      language: 'ar',
      values: { views: { text: 'نطاق عريض للجميع' } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ status: 'draft', respondent: `org:${orgId}`, language: 'ar' });
    expect((await call('GET', `/consultations/${c.id}/answer`)).json()).toMatchObject({ values: { views: { text: 'نطاق عريض للجميع' } } });
    const submitted = await call('POST', `/consultations/${c.id}/answer/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(await answerOf(c.id, `org:${orgId}`)).toMatchObject({ status: 'submitted', stakeholderType: 'government', country: 'KE', region: 'AFR', gender: null });
  });

  it('answers each broken rule with a localized 422 at its pointer, and writes nothing', async () => {
    const c = await insertConsultation(db);
    const res = await kit.app.inject({
      method: 'PUT',
      url: `/api/v1/consultations/${c.id}/answer`,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' },
      payload: {
        respondent: { kind: 'individual' },
        language: 'fr',
        values: { ghost: { text: 'x' }, priority: { choice: 'skills' }, 'why-access': { text: 'caché' }, score: { number: 0 }, tags: { choices: ['z'] }, agree: { yes: 'oui' } },
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/values/agree', '/values/ghost', '/values/score', '/values/tags', '/values/why-access']);
    expect(await answerOf(c.id, `user:${user.id}`)).toBeUndefined();
    const required = await call('POST', `/consultations/${c.id}/answer/submit`, { respondent: { kind: 'individual' }, language: 'en', values: {} });
    expect(required.statusCode).toBe(422);
    expect(required.json().errors).toEqual([{ pointer: '/values/views', detail: 'This question requires an answer.' }]);
  });

  it('reads an individual’s country with the consultation: a known code gives its region, an unknown one a localized 422 and nothing written', async () => {
    const c = await insertConsultation(db);
    const unknown = await kit.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/answer/submit`,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' },
      payload: { respondent: { kind: 'individual' }, language: 'fr', values: { views: { text: 'Des écoles connectées.' } }, country: 'XX' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ pointer: '/country', detail: 'Ce pays ne figure pas dans la liste.' }]);
    expect(await answerOf(c.id, `user:${user.id}`)).toBeUndefined();
    const known = await call('POST', `/consultations/${c.id}/answer/submit`, {
      respondent: { kind: 'individual' },
      language: 'en',
      values: { views: { text: 'Schools online.' } },
      country: 'BR',
    });
    expect(known.statusCode, known.body).toBe(200);
    expect(await answerOf(c.id, `user:${user.id}`)).toMatchObject({ status: 'submitted', country: 'BR', region: 'AMS' });

    // The saved draft submitted without a body: its country is read with the consultation too.
    const later = await insertConsultation(db);
    const draft = await call('PUT', `/consultations/${later.id}/answer`, {
      respondent: { kind: 'individual' },
      language: 'en',
      values: { views: { text: 'Schools online.' } },
      // An API client may send the code in lower case.
      country: 'jp',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(await answerOf(later.id, `user:${user.id}`)).toMatchObject({ status: 'draft', country: 'JP', region: 'ASP' });
    const saved = await call('POST', `/consultations/${later.id}/answer/submit`);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await answerOf(later.id, `user:${user.id}`)).toMatchObject({ status: 'submitted', country: 'JP', region: 'ASP' });
    // A country gone from the list since the draft (here, its code changed by hand) is refused at submission, the draft kept.
    await db.execute(sql`update consultations_answers set country = 'XX' where consultation_id = ${later.id}`);
    await db.execute(sql`update consultations_answers set status = 'draft', submitted_at = null where consultation_id = ${later.id}`);
    const gone = await call('POST', `/consultations/${later.id}/answer/submit`);
    expect(gone.statusCode).toBe(422);
    expect(await answerOf(later.id, `user:${user.id}`)).toMatchObject({ status: 'draft', country: 'XX' });
  });

  it('refuses an organization the caller is not a member of, and submissions outside the open period', async () => {
    const c = await insertConsultation(db);
    const [other] = await db.insert(organizations).values({ name: 'Someone else', stakeholderType: 'academia', country: 'FR' }).returning();
    const res = await call('PUT', `/consultations/${c.id}/answer`, { respondent: { kind: 'organization', organizationId: other?.id }, language: 'en', values: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('You are not a member of this organization.');
    const early = await insertConsultation(db, { opensAt: new Date(Date.now() + HOUR), closesAt: new Date(Date.now() + 48 * HOUR) });
    const tooEarly = await call('POST', `/consultations/${early.id}/answer/submit`, { respondent: { kind: 'individual' }, language: 'en', values: { views: { text: 'early' } } });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().detail).toContain(early.opensAt.toISOString());
    expect(await answerOf(early.id, `user:${user.id}`)).toMatchObject({ status: 'draft', values: { views: { text: 'early' } } });
    expect((await call('PUT', '/consultations/99999999/answer', { respondent: { kind: 'individual' }, language: 'en', values: {} })).statusCode).toBe(404);
    expect((await call('GET', `/consultations/${c.id}/answer`, undefined, 'wrong')).statusCode).toBe(401);
  });

  it('writes one answer when two members of one organization submit at once', async () => {
    const c = await insertConsultation(db);
    const [org] = await db.insert(organizations).values({ name: 'Shared org', stakeholderType: 'civil-society', country: 'BR' }).returning();
    const members = [];
    for (let i = 0; i < 4; i++) members.push(await buildUser(db, { email: `race-${i}@example.org` }));
    for (const m of members) await db.insert(memberships).values({ organizationId: org?.id ?? 0, userId: m.id, role: 'member' });
    const actors = members.map((m) => ({ id: m.id, email: m.email, name: m.name, roles: [], locale: 'en', emailVerified: true, status: 'active' }) as Actor);
    const results = await Promise.all(
      actors.map((actor, i) =>
        saveAnswer(kit.database.db, {
          actor,
          consultationId: c.id,
          input: { respondent: { kind: 'organization', organizationId: org?.id ?? 0 }, language: 'en', values: { views: { text: `Member ${i}` } } },
          replaceAll: true,
          hidden: 'refuse',
          submit: true,
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db.select().from(answers).where(eq(answers.consultationId, c.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ respondent: `org:${org?.id}`, status: 'submitted', stakeholderType: 'civil-society', region: 'AMS' });
    // The searchable text is the answer's as it stands (the last submission's), once.
    const stored = await db
      .select({ body: texts.body })
      .from(texts)
      .where(eq(texts.answerId, rows[0]?.id ?? 0));
    expect(stored).toEqual([{ body: (rows[0]?.values.views as { text: string } | undefined)?.text }]);
    // One receipt and one audit row per submission.
    const receipts = await db.select().from(mailOutbox).where(sql`${mailOutbox.to} like 'race-%'`);
    expect(receipts).toHaveLength(4);
    const audited = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from core_audit_log where action = 'consultations.answer.submit' and subject_id = ${String(rows[0]?.id)}`,
    );
    expect(audited.rows[0]?.n).toBe(4);
  });
});
