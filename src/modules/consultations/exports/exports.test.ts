import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../accounts/tables.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { streamAnswers } from './queries.js';
import { docxWithAuthor, insertAnswer, insertAttachment, insertConsultation, pdfWithAuthor } from './test-helpers.js';

let kit: TestKit;
let analyst: TestClient;
let consultationId: number;
let respondentEmail: string;
let pdf: Buffer;
let docx: Buffer;

/** Runs a Python reader (Debian's python3 with openpyxl) on the bytes of a download. */
const python = (code: string, body: Buffer, name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-consultation-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, body);
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  analyst = await kit.as(await buildUser(db, { roles: ['consultation-manager'] }));
  const respondent = await buildUser(db, { name: 'Amina Secret-Name' });
  respondentEmail = respondent.email;
  const [org] = await db.insert(organizations).values({ name: 'Ministry of ICT', stakeholderType: 'government', country: 'KE' }).returning();
  const c = await insertConsultation(db);
  consultationId = c.id;
  const first = await insertAnswer(db, {
    consultationId,
    userId: respondent.id,
    organizationId: org?.id ?? null,
    values: {
      q1: { text: 'Rural broadband first, "quoted", and\nnew line' },
      q2: { choice: 'infra' },
      q3: { choices: ['c2', 'other'], other: 'Ethics' },
      q4: { yes: true },
      q5: { codes: ['KE', 'FR'] },
    },
    meta: { stakeholderType: 'government', country: 'KE', region: 'AFR', gender: 'not-given' },
  });
  pdf = pdfWithAuthor('Amina Secret-Name');
  const file = await insertAttachment(db, { answerId: first.id, questionId: 'q6', fileName: 'position.pdf', mediaType: 'application/pdf', data: pdf });
  // The answer points to its file, as the answer form writes it.
  await db.execute(sql`update consultations_answers set values = values || ${JSON.stringify({ q6: { attachmentId: file.id } })}::jsonb where id = ${first.id}`);
  const second = await insertAnswer(db, {
    consultationId,
    userId: (await buildUser(db)).id,
    language: 'ar',
    values: { q1: { text: 'النطاق العريض للجميع' }, q2: { choice: 'skills' }, q4: { yes: false } },
    meta: { stakeholderType: 'civil-society', country: 'EG', region: 'ARB', gender: 'female' },
  });
  docx = docxWithAuthor('Amina Secret-Name');
  await insertAttachment(db, {
    answerId: second.id,
    questionId: 'q6',
    fileName: 'note.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: docx,
  });
  await insertAnswer(db, { consultationId, userId: (await buildUser(db)).id, values: { q1: { text: '=HYPERLINK("http://evil.example")' } } });
  // A draft is not an answer yet: never exported.
  await insertAnswer(db, { consultationId, userId: (await buildUser(db)).id, status: 'draft', values: { q1: { text: 'DRAFT TEXT' } } });
});
afterAll(async () => kit.close());

describe('answer exports for analysts', () => {
  it('are refused to the public and to respondents, and to forged ids', async () => {
    expect((await kit.client().get(`/api/v1/consultations/${consultationId}/answers.csv`)).statusCode).toBe(401);
    const someone = await kit.as(await buildUser(kit.database.db));
    expect((await someone.get(`/api/v1/consultations/${consultationId}/answers.xlsx`)).statusCode).toBe(403);
    expect((await someone.get(`/api/v1/consultations/${consultationId}/attachments.zip`)).statusCode).toBe(403);
    const forged = await analyst.get('/api/v1/consultations/99999999/answers.csv');
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect((await analyst.get('/api/v1/consultations/abc/answers.csv')).statusCode).toBe(400);
  });

  it('CSV in French: one row per submitted answer, question ids and labels, values as labels, no contact details', async () => {
    const res = await analyst.get(`/api/v1/consultations/${consultationId}/answers.csv?lang=fr`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="consultation-\d+-answers-/);
    const rows: string[][] = parse(res.body, { bom: true });
    expect(rows).toHaveLength(4);
    const [header, first, second, third] = rows as [string[], string[], string[], string[]];
    expect(header.slice(0, 8)).toEqual([
      'Réponse',
      'Type de partie prenante',
      'Pays',
      'Région de l’UIT',
      'Genre',
      'Langue de la réponse',
      'Version du questionnaire',
      'Soumise le (UTC)',
    ]);
    expect(header.slice(8)).toEqual(['q1 — Votre avis', 'q2 — Priorité', 'q3 — Grandes orientations', 'q4 — D’accord ?', 'q5 — Pays', 'q6 — Document joint']);
    expect(first.slice(1, 3)).toEqual(['Gouvernement', 'Kenya']);
    expect(first.slice(8)).toEqual([
      'Rural broadband first, "quoted", and\nnew line',
      'Infrastructures',
      'Infrastructure C2; Autre: Ethics',
      'Oui',
      'Kenya; France',
      expect.stringMatching(/^position\.pdf \(\d+\)$/),
    ]);
    expect(second.slice(8, 12)).toEqual(['النطاق العريض للجميع', 'Compétences numériques', '', 'Non']);
    expect(second[4]).toBe('Femme');
    expect(second[5]).toBe('ar');
    // A formula is written as text, never run by a spreadsheet.
    expect(third[8]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(res.body).not.toContain('DRAFT TEXT');
    expect(res.body).not.toContain(respondentEmail);
    expect(res.body).not.toContain('Amina Secret-Name');
  });

  it('XLSX read back by openpyxl: the same rows, the submission time a date, labels in Arabic', async () => {
    const res = await analyst.get(`/api/v1/consultations/${consultationId}/answers.xlsx?lang=ar`);
    expect(res.statusCode).toBe(200);
    const sheet = python(
      `
import json, sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
def v(c):
    return c.isoformat() if isinstance(c, datetime.datetime) else c
print(json.dumps({"title": ws.title, "rtl": ws.sheet_view.rightToLeft, "rows": [[v(c) for c in r] for r in ws.iter_rows(values_only=True)]}))
`,
      res.rawPayload,
      'answers.xlsx',
    );
    expect(sheet.title).toBe('answers');
    expect(sheet.rtl).toBe(true);
    expect(sheet.rows).toHaveLength(4);
    expect(sheet.rows[0][8]).toBe('q1 — آراؤكم');
    expect(sheet.rows[1][9]).toBe('البنية التحتية');
    expect(sheet.rows[1][11]).toBe('نعم');
    expect(sheet.rows[1][7]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(sheet.rows[3][8]).toBe('=HYPERLINK("http://evil.example")');
    expect(JSON.stringify(sheet.rows)).not.toContain(respondentEmail);
  });

  it('JSONL: one answer per line, codes beside the labels', async () => {
    const res = await analyst.get(`/api/v1/consultations/${consultationId}/answers.jsonl?lang=en`);
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      stakeholderType: 'Government',
      stakeholderTypeCode: 'government',
      countryCode: 'KE',
      values: { q2: { label: 'Priority', value: 'Infrastructure' } },
    });
    expect(lines[1].language).toBe('ar');
    expect(res.body).not.toContain(respondentEmail);
  });

  it('attachments as one ZIP, read back by Python’s zipfile, byte for byte', async () => {
    const res = await analyst.get(`/api/v1/consultations/${consultationId}/attachments.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = python(
      `
import json, sys, zipfile, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))
`,
      res.rawPayload,
      'attachments.zip',
    );
    const { createHash } = await import('node:crypto');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(Object.values(zip).sort()).toEqual([sha(pdf), sha(docx)].sort());
    expect(Object.keys(zip).some((n) => /^\d+\/q6-position\.pdf$/.test(n))).toBe(true);
    expect(Object.keys(zip).some((n) => /^\d+\/q6-note\.docx$/.test(n))).toBe(true);
  });

  it('reads the answers in batches: every answer once, in id order, whatever the batch size', async () => {
    const seen: number[] = [];
    let batches = 0;
    for await (const batch of streamAnswers(kit.database.db, { consultationId, size: 2 })) {
      batches++;
      seen.push(...batch.answers.map((a) => a.id));
    }
    expect(batches).toBe(2);
    expect(seen).toHaveLength(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('the analysts’ page links the four downloads', async () => {
    const page = await analyst.get(`/en/admin/consultations/${consultationId}/exports`);
    expect(page.statusCode).toBe(200);
    for (const f of ['answers.csv', 'answers.xlsx', 'answers.jsonl', 'attachments.zip']) expect(page.body).toContain(`/api/v1/consultations/${consultationId}/${f}?lang=en`);
    expect((await (await kit.as(await buildUser(kit.database.db))).get(`/en/admin/consultations/${consultationId}/exports`)).statusCode).toBe(403);
  });
});
