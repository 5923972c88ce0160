import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { LOCALES, type Locale, type Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { findCountries } from '../../../reference/queries.js';
import { agendaItems, DOCUMENT_KINDS, type DocumentKind, meetingDocuments, meetings, SOURCE_KINDS, type SourceKind } from '../../tables.js';
import { forgetUnkeptFiles } from '../../../../core/storage/keep.js';
import { cleanTitle, MAX_TITLE_LENGTH, titleSearchVector } from '../rules.js';
import { type CheckedFile, checkLanguageFiles, type LanguageFileInput, recordLanguageVersions, storeFiles } from './language-files.js';
import { registerDocument } from './register-document.js';

export type CreateDocumentInput = {
  meetingId: number;
  kind: DocumentKind;
  title: Localized;
  sourceKind: SourceKind;
  sourceCountry?: string | null;
  sourceName?: string | null;
  agendaItemId?: number | null;
  originalLanguage: Locale;
  /** As printed on the document, YYYY-MM-DD. */
  documentDate: string;
  files: LanguageFileInput[];
};

/** Field → problem code (a message key suffix of the register's catalog: meetings.register.errors.<code>). */
export type FieldProblems = Record<string, string>;
export type CreateDocumentResult = { ok: true; id: number; symbol: string | null } | { ok: false; errors: FieldProblems };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Refusal of a registration asked with the creation: the whole creation rolls back. */
class RegistrationRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Checks what a document needs besides its files (meeting, kind, titles, source, agenda item,
 * language, date); the problems by field. Member States are checked against the reference list.
 */
export const checkDocumentFields = async (db: DbOrTx, input: Omit<CreateDocumentInput, 'files'>): Promise<FieldProblems> => {
  const errors: FieldProblems = {};
  const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, input.meetingId));
  if (!meeting) errors.meeting = 'unknown_meeting';
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'invalid';
  if (!(LOCALES as readonly string[]).includes(input.originalLanguage)) errors.originalLanguage = 'invalid';
  else if (!(input.title[input.originalLanguage] ?? '').trim()) errors[`title_${input.originalLanguage}`] = 'title_original_missing';
  for (const l of LOCALES) if ((input.title[l] ?? '').length > MAX_TITLE_LENGTH) errors[`title_${l}`] = 'too_long';
  if (!(SOURCE_KINDS as readonly string[]).includes(input.sourceKind)) errors.sourceKind = 'invalid';
  else if (input.sourceKind === 'member-state') {
    const code = (input.sourceCountry ?? '').trim().toUpperCase();
    const known = code !== '' && (await findCountries(db)).some((c) => c.code === code);
    if (!known) errors.sourceCountry = 'unknown_country';
  } else if ((input.sourceKind === 'sector-member' || input.sourceKind === 'other') && !(input.sourceName ?? '').trim()) errors.sourceName = 'required';
  if ((input.sourceName ?? '').length > 300) errors.sourceName = 'too_long';
  if (input.agendaItemId != null && meeting) {
    const [item] = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, input.meetingId)));
    if (!item) errors.agendaItemId = 'unknown_agenda_item';
  }
  if (!isIsoDate(input.documentDate)) errors.documentDate = 'invalid_date';
  return errors;
};

/**
 * The secretariat files a document directly (not through a member's submission): its fields,
 * one or more language files (checked from their bytes, kept in the file store), status
 * submitted; with `register`, registered at once in the same transaction (its symbol allocated),
 * so a refused registration leaves neither the document nor a number. A refused file writes
 * nothing: no row, and its bytes are not left in the store. Assumes 'meetings.document.register' was checked.
 */
export const createDocument = async (
  db: DbOrTx,
  {
    actor,
    store,
    input,
    register = false,
    late = false,
    now = new Date(),
    ip,
  }: { actor: Actor; store: FileStore; input: CreateDocumentInput; register?: boolean; late?: boolean; now?: Date; ip?: string },
): Promise<CreateDocumentResult> => {
  const errors = await checkDocumentFields(db, input);
  const { checked, problems } = checkLanguageFiles(input.files);
  Object.assign(errors, problems);
  if (input.files.length === 0) errors.files = 'no_file';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const title = cleanTitle(input.title);
  return fileDocument(db, {
    actor,
    store,
    files: checked,
    values: {
      meetingId: input.meetingId,
      kind: input.kind,
      title,
      sourceKind: input.sourceKind,
      sourceCountry: input.sourceKind === 'member-state' ? (input.sourceCountry ?? '').trim().toUpperCase() : null,
      sourceName: (input.sourceName ?? '').trim() || null,
      agendaItemId: input.agendaItemId ?? null,
      originalLanguage: input.originalLanguage,
      documentDate: input.documentDate,
    },
    audit: { kind: input.kind, meetingId: input.meetingId, languages: checked.map((f) => f.locale) },
    register,
    late,
    now,
    ip,
  });
};

/**
 * Files a checked document (a new one or an amendment): its files put in the store, then in one
 * transaction the document (submitted), its language versions, the audit record and, when
 * `register`, its registration. A refused registration rolls the whole filing back and comes back
 * as the field problem `register`; the stored bytes no row keeps are removed (no orphan file).
 */
export const fileDocument = async (
  db: DbOrTx,
  {
    actor,
    store,
    files,
    values,
    audit,
    register,
    late,
    now,
    ip,
  }: {
    actor: Actor;
    store: FileStore;
    files: CheckedFile[];
    values: Omit<typeof meetingDocuments.$inferInsert, 'submittedBy' | 'submittedAt' | 'searchVector' | 'updatedAt'>;
    audit: Record<string, unknown>;
    register: boolean;
    late: boolean;
    now: Date;
    ip?: string;
  },
): Promise<CreateDocumentResult> => {
  const stored = await storeFiles(store, files);
  try {
    return await db.transaction(async (tx) => {
      const [doc] = await tx
        .insert(meetingDocuments)
        .values({ ...values, submittedBy: actor.id, submittedAt: now, searchVector: titleSearchVector(values.title), updatedAt: now })
        .returning({ id: meetingDocuments.id });
      if (!doc) throw new Error('document not inserted');
      await recordLanguageVersions(tx, { documentId: doc.id, symbol: null, files: stored, uploadedBy: actor.id, now });
      await recordAction(tx, {
        actor,
        action: 'meetings.document.register',
        subjectType: 'meeting_document',
        subjectId: doc.id,
        after: { status: 'submitted', ...audit },
        ip,
      });
      let symbol: string | null = null;
      if (register) {
        const registered = await registerDocument(tx, { actor, documentId: doc.id, late, now, ip });
        if (!registered.ok) throw new RegistrationRefused(registered.error);
        symbol = registered.symbol;
      }
      return { ok: true as const, id: doc.id, symbol };
    });
  } catch (error) {
    await forgetUnkeptFiles(
      db,
      store,
      stored.map((f) => f.sha256),
    );
    if (error instanceof RegistrationRefused) return { ok: false, errors: { register: error.code } };
    throw error;
  }
};
