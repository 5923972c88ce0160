/**
 * Set-up for the exports tests: consultations, versions, answers and attachments written directly
 * (the answering commands are another folder's), and small real files with an author in their metadata.
 */
import { actorOf } from '../../../test/factories.js';
import { zipSync } from 'fflate';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { AnswerValues, Questionnaire } from '../questionnaire.js';
import { answers, attachments, consultations, versions } from '../tables.js';

export const DAY = 86_400_000;
const each = (en: string, fr: string, ar: string): Localized => ({ en, fr, ar, es: `${en} (es)`, ru: `${en} (ru)`, zh: `${en}（zh）` });

export const QUESTIONNAIRE: Questionnaire = {
  sections: [
    {
      id: 's1',
      title: each('Views', 'Avis', 'الآراء'),
      questions: [
        { id: 'q1', type: 'long-text', label: each('Your views', 'Votre avis', 'آراؤكم'), required: true },
        {
          id: 'q2',
          type: 'single-choice',
          label: each('Priority', 'Priorité', 'الأولوية'),
          required: false,
          options: [
            { id: 'infra', label: each('Infrastructure', 'Infrastructures', 'البنية التحتية') },
            { id: 'skills', label: each('Digital skills', 'Compétences numériques', 'المهارات الرقمية') },
          ],
        },
        {
          id: 'q3',
          type: 'multiple-choice',
          label: each('Action lines', 'Grandes orientations', 'خطوط العمل'),
          required: false,
          allowOther: true,
          options: [
            { id: 'c2', label: each('Infrastructure C2', 'Infrastructure C2', 'البنية التحتية C2') },
            { id: 'c4', label: each('Capacity building C4', 'Renforcement des capacités C4', 'بناء القدرات C4') },
          ],
        },
        { id: 'q4', type: 'yes-no', label: each('Agree?', 'D’accord ?', 'موافق؟'), required: false },
        { id: 'q5', type: 'reference', list: 'countries', multiple: true, label: each('Countries', 'Pays', 'البلدان'), required: false },
        { id: 'q6', type: 'file', label: each('Document', 'Document joint', 'وثيقة'), required: false },
      ],
    },
  ],
};

export const insertConsultation = async (db: DbOrTx, overrides: Partial<typeof consultations.$inferInsert> = {}, questionnaire: Questionnaire = QUESTIONNAIRE) => {
  const [row] = await db
    .insert(consultations)
    .values({
      title: each('Call for contributions on rural broadband', 'Appel à contributions sur le haut débit rural', 'دعوة إلى المساهمة بشأن النطاق العريض في الأرياف'),
      purpose: each('Tell us what matters.', 'Dites-nous ce qui compte.', 'أخبرونا بما يهم.'),
      originalLanguage: 'en',
      status: 'open',
      opensAt: new Date(Date.now() - 10 * DAY),
      closesAt: new Date(Date.now() + 20 * DAY),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('no consultation');
  await db.insert(versions).values({ consultationId: row.id, version: 1, questionnaire });
  return row;
};

let sequence = 0;
export const insertAnswer = async (
  db: DbOrTx,
  {
    consultationId,
    userId = null,
    organizationId = null,
    values,
    status = 'submitted',
    publish = false,
    language = 'en',
    meta = {},
  }: {
    consultationId: number;
    userId?: number | null;
    organizationId?: number | null;
    values: AnswerValues;
    status?: 'draft' | 'submitted';
    publish?: boolean;
    language?: 'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh';
    meta?: { stakeholderType?: string; country?: string; region?: string; gender?: 'female' | 'male' | 'other' | 'not-given' };
  },
) => {
  sequence++;
  const [row] = await db
    .insert(answers)
    .values({
      consultationId,
      version: 1,
      respondent: organizationId ? `org:${organizationId}` : `user:${userId ?? `anon${sequence}`}`,
      userId,
      organizationId,
      status,
      language,
      values,
      publish,
      ...meta,
      submittedAt: status === 'submitted' ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('no answer');
  return row;
};

export const insertAttachment = async (
  db: DbOrTx,
  { answerId, questionId, fileName, mediaType, data }: { answerId: number; questionId: string; fileName: string; mediaType: string; data: Buffer },
) => {
  const [row] = await db.insert(attachments).values({ answerId, questionId, fileName, mediaType, byteSize: data.length, sha256: 'test', data }).returning();
  if (!row) throw new Error('no attachment');
  return row;
};

/** A small valid PDF (right xref offsets) whose /Info dictionary and XMP packet name `author`. */
export const pdfWithAuthor = (author: string) => {
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${author}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Author (${author}) /Creator (Writer) /Title (Position paper) >>`,
    `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A minimal DOCX whose core.xml and app.xml name `author`. */
export const docxWithAuthor = (author: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': utf8(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:ins w:id="1" w:author="${author}" w:date="2027-01-01T00:00:00Z"><w:r><w:t>Rural broadband</w:t></w:r></w:ins></w:p></w:body></w:document>`,
      ),
      'word/comments.xml': utf8(
        `<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="${author}" w:initials="AS"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment></w:comments>`,
      ),
      'docProps/core.xml': utf8(
        `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${author}</dc:creator><cp:lastModifiedBy>${author}</cp:lastModifiedBy></cp:coreProperties>`,
      ),
      'docProps/app.xml': utf8(
        `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${author} Ltd</Company></Properties>`,
      ),
    }),
  );

/** A minimal ODT whose meta.xml names `author`. */
export const odtWithAuthor = (author: string) =>
  Buffer.from(
    zipSync({
      mimetype: [utf8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': utf8(
        `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:annotation><dc:creator>${author}</dc:creator></office:annotation></office:body></office:document-content>`,
      ),
      'meta.xml': utf8(
        `<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>${author}</meta:initial-creator><dc:creator>${author}</dc:creator></office:meta></office:document-meta>`,
      ),
    }),
  );

/** A user as the actor of a command: active, verified, with these roles. */
export { actorOf };
