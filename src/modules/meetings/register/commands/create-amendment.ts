import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { AMENDMENT_KINDS, type AmendmentKind, meetingDocuments } from '../../tables.js';
import { cleanTitle } from '../rules.js';
import { type FieldProblems, fileDocument, isIsoDate } from './create-document.js';
import { checkLanguageFiles, type LanguageFileInput } from './language-files.js';

export type CreateAmendmentResult = { ok: true; id: number; symbol: string | null } | { ok: false; errors: FieldProblems };

/**
 * A revision, addendum or corrigendum of a registered document: a new document of the same
 * meeting, kind, source and agenda item that points at its base; registering it gives it the
 * base's symbol with (Rev.n), (Add.n) or (Corr.n). Its title defaults to the base's. With
 * `register`, registered at once in the same transaction. Assumes 'meetings.document.register' was checked.
 */
export const createAmendment = async (
  db: DbOrTx,
  {
    actor,
    store,
    baseId,
    amendmentKind,
    title,
    documentDate,
    files,
    register = false,
    now = new Date(),
    ip,
  }: {
    actor: Actor;
    store: FileStore;
    baseId: number;
    amendmentKind: AmendmentKind;
    title?: Localized;
    documentDate: string;
    files: LanguageFileInput[];
    register?: boolean;
    now?: Date;
    ip?: string;
  },
): Promise<CreateAmendmentResult> => {
  const errors: FieldProblems = {};
  const [base] = await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, baseId));
  if (!base) errors.base = 'unknown_document';
  // Only a registered original is amended: an amendment of an amendment would take a symbol no list sorts.
  else if (!base.symbol || base.amendsId !== null || base.status === 'withdrawn') errors.base = 'base_not_registered';
  if (!(AMENDMENT_KINDS as readonly string[]).includes(amendmentKind)) errors.amendmentKind = 'invalid';
  if (!isIsoDate(documentDate)) errors.documentDate = 'invalid_date';
  const { checked, problems } = checkLanguageFiles(files);
  Object.assign(errors, problems);
  if (files.length === 0) errors.files = 'no_file';
  if (Object.keys(errors).length > 0 || !base) return { ok: false, errors };

  const cleaned = title ? cleanTitle(title) : {};
  const finalTitle = (cleaned[base.originalLanguage] ?? '') !== '' ? cleaned : base.title;
  return fileDocument(db, {
    actor,
    store,
    files: checked,
    values: {
      meetingId: base.meetingId,
      kind: base.kind,
      title: finalTitle,
      sourceKind: base.sourceKind,
      sourceCountry: base.sourceCountry,
      sourceOrganizationId: base.sourceOrganizationId,
      sourceName: base.sourceName,
      agendaItemId: base.agendaItemId,
      originalLanguage: base.originalLanguage,
      documentDate,
      amendsId: base.id,
      amendmentKind,
    },
    audit: { amends: base.symbol, amendmentKind },
    // An amendment follows its original: it is never refused as late.
    register,
    late: true,
    now,
    ip,
  });
};
