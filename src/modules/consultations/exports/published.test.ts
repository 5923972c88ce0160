import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../accounts/tables.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { stripMetadata } from './strip-metadata.js';
import { docxWithAuthor, insertAnswer, insertAttachment, insertConsultation, odtWithAuthor, pdfWithAuthor } from './test-helpers.js';

let kit: TestKit;
let publishing: number;
let notPublishing: number;
let secretEmail: string;
let pdfId: number;
let docxId: number;
let hiddenFileId: number;
const AUTHOR = 'Amina Secret-Name';

/** pdfinfo (poppler-utils) on a PDF: its fields as it reads them. */
const pdfinfo = (body: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), body);
    return execFileSync('/usr/bin/pdfinfo', [join(dir, 'a.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const attach = async (answerId: number, values: Record<string, unknown>) =>
  kit.database.db.execute(sql`update consultations_answers set values = values || ${JSON.stringify(values)}::jsonb where id = ${answerId}`);

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const person = await buildUser(db, { name: AUTHOR });
  secretEmail = person.email;
  const [org] = await db.insert(organizations).values({ name: 'Ministry of ICT of Kenya', stakeholderType: 'government', country: 'KE' }).returning();
  publishing = (await insertConsultation(db, { answersMayBePublished: true })).id;
  notPublishing = (await insertConsultation(db, { answersMayBePublished: false })).id;
  const byOrg = await insertAnswer(db, {
    consultationId: publishing,
    userId: person.id,
    organizationId: org?.id ?? null,
    publish: true,
    values: { q1: { text: 'Rural broadband first.' }, q2: { choice: 'infra' } },
    meta: { stakeholderType: 'government', country: 'KE' },
  });
  pdfId = (await insertAttachment(db, { answerId: byOrg.id, questionId: 'q6', fileName: 'position.pdf', mediaType: 'application/pdf', data: pdfWithAuthor(AUTHOR) })).id;
  await attach(byOrg.id, { q6: { attachmentId: pdfId } });
  const individual = await insertAnswer(db, {
    consultationId: publishing,
    userId: (await buildUser(db, { name: 'Private Person' })).id,
    publish: true,
    language: 'fr',
    values: { q1: { text: 'Priorité aux compétences.' } },
  });
  docxId = (
    await insertAttachment(db, {
      answerId: individual.id,
      questionId: 'q6',
      fileName: 'note.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: docxWithAuthor(AUTHOR),
    })
  ).id;
  await attach(individual.id, { q6: { attachmentId: docxId } });
  // Did not consent, and a draft: neither is shown.
  const hidden = await insertAnswer(db, { consultationId: publishing, userId: (await buildUser(db)).id, publish: false, values: { q1: { text: 'NOT FOR PUBLICATION' } } });
  hiddenFileId = (await insertAttachment(db, { answerId: hidden.id, questionId: 'q6', fileName: 'hidden.pdf', mediaType: 'application/pdf', data: pdfWithAuthor('X') })).id;
  await insertAnswer(db, { consultationId: publishing, userId: (await buildUser(db)).id, publish: true, status: 'draft', values: { q1: { text: 'DRAFT NOT SHOWN' } } });
  await insertAnswer(db, { consultationId: notPublishing, userId: (await buildUser(db)).id, publish: true, values: { q1: { text: 'x' } } });
});
afterAll(async () => kit.close());

describe('published answers', () => {
  it('the page shows consented, submitted answers: the organization or “individual respondent”, never a name or address', async () => {
    const res = await kit.client().get(`/en/consultations/${publishing}/answers`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ministry of ICT of Kenya');
    expect(res.body).toContain('Individual respondent');
    expect(res.body).toContain('Rural broadband first.');
    expect(res.body).toContain('<span lang="fr" dir="auto">Priorité aux compétences.</span>');
    expect(res.body).toContain('Infrastructure');
    for (const secret of ['NOT FOR PUBLICATION', 'DRAFT NOT SHOWN', secretEmail, AUTHOR, 'Private Person']) expect(res.body).not.toContain(secret);
    const ar = await kit.client().get(`/ar/consultations/${publishing}/answers`);
    expect(ar.body).toContain('مجيب بصفة فردية');
  });

  it('shows a value stored in another shape as it is, never a server error', async () => {
    const { db } = kit.database;
    const consultationId = (await insertConsultation(db, { answersMayBePublished: true })).id;
    // Written by hand (not through the form): a bare string where an object is expected.
    await insertAnswer(db, { consultationId, userId: (await buildUser(db)).id, publish: true, values: { q1: 'Written by hand' as never } });
    const res = await kit.client().get(`/en/consultations/${consultationId}/answers`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Written by hand');
  });

  it('the API gives the same, and 404 where the consultation does not publish or does not exist', async () => {
    const res = await kit.client().get(`/api/v1/consultations/${publishing}/answers?lang=fr`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.answers.map((a: { respondent: string }) => a.respondent)).toEqual(['Ministry of ICT of Kenya', 'Répondant à titre individuel']);
    expect(body.answers[0].values).toContainEqual({ questionId: 'q6', label: 'Document joint', value: 'position.pdf', file: { id: pdfId, name: 'position.pdf' } });
    expect(JSON.stringify(body)).not.toContain(secretEmail);
    const closed = await kit.client().get(`/api/v1/consultations/${notPublishing}/answers`);
    expect(closed.statusCode).toBe(404);
    expect(closed.headers['content-type']).toContain('application/problem+json');
    expect((await kit.client().get(`/en/consultations/${notPublishing}/answers`)).statusCode).toBe(404);
    expect((await kit.client().get('/api/v1/consultations/123456789/answers')).statusCode).toBe(404);
    expect((await kit.client().get(`/api/v1/consultations/${publishing}/answers?page=x`)).statusCode).toBe(400);
  });

  it('publishes a PDF without its /Info author and XMP packet; it still opens', async () => {
    const res = await kit.client().get(`/en/consultations/${publishing}/answers/files/${pdfId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.toString('latin1')).not.toContain(AUTHOR);
    const info = pdfinfo(res.rawPayload);
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).not.toMatch(/Author:/);
    // The original still has it: the test's file is what the respondent sent.
    expect(pdfinfo(pdfWithAuthor(AUTHOR))).toMatch(/Author:\s+Amina Secret-Name/);
  });

  it('publishes a DOCX without docProps author and company, and an ODT without meta.xml creators', async () => {
    const res = await kit.client().get(`/en/consultations/${publishing}/answers/files/${docxId}`);
    expect(res.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(text('docProps/core.xml')).not.toContain(AUTHOR);
    expect(text('docProps/app.xml')).not.toContain(AUTHOR);
    expect(text('word/document.xml')).toContain('Rural broadband');
    // Nor in tracked changes and comments.
    expect(text('word/document.xml')).not.toContain(AUTHOR);
    expect(text('word/comments.xml')).not.toContain(AUTHOR);
    expect(text('word/comments.xml')).toContain('Check this');
    const odt = stripMetadata('application/vnd.oasis.opendocument.text', odtWithAuthor(AUTHOR));
    expect(odt).not.toBeNull();
    const odtFiles = unzipSync(new Uint8Array(odt as Buffer));
    expect(Object.keys(odtFiles)[0]).toBe('mimetype');
    expect(new TextDecoder().decode(odtFiles['meta.xml'])).not.toContain(AUTHOR);
    expect(new TextDecoder().decode(odtFiles['content.xml'])).not.toContain(AUTHOR);
    // A file that is not what its type says is not published.
    expect(stripMetadata('application/pdf', Buffer.from('not a pdf'))).toBeNull();
  });

  it('never serves the file of an answer that is not published', async () => {
    expect((await kit.client().get(`/en/consultations/${publishing}/answers/files/${hiddenFileId}`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/consultations/${notPublishing}/answers/files/${pdfId}`)).statusCode).toBe(404);
  });
});
