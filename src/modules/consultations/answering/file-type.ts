/**
 * The type of an attached file: the core's check (core/storage/file-type.ts: type from the bytes,
 * zip bombs and macros refused), limited to the kinds a questionnaire accepts (PDF, DOCX, ODT,
 * XLSX; a presentation is no answer's attachment: `file_type`, as before the core knew it).
 */
import { checkFile, inspectFile } from '../../../core/storage/file-type.js';
import { ATTACHMENT_TYPES, type AttachmentKind } from '../questionnaire.js';

const isAttachmentKind = (kind: string): kind is AttachmentKind => kind in ATTACHMENT_TYPES;

/** What the bytes are (one of the accepted kinds), or null for anything else. */
export const sniffAttachment = (bytes: Buffer): AttachmentKind | null => {
  const inspected = inspectFile(bytes);
  return inspected.ok && isAttachmentKind(inspected.kind) ? inspected.kind : null;
};

export type FileCheck =
  | { ok: true; kind: AttachmentKind; mediaType: string }
  | { ok: false; error: 'file_type' | 'file_mismatch' | 'file_kind_not_allowed' | 'file_zip_bomb' | 'file_macros' };

/**
 * Checks an upload: its bytes must be an accepted kind, allowed by the question, and its name's
 * extension and declared type (when they say something) must agree with the bytes; no macros, no
 * zip bomb. The size is the command's to check (it words the limit of the question).
 */
export const checkAttachment = ({ bytes, fileName, declaredType, allowed }: { bytes: Buffer; fileName: string; declaredType: string; allowed?: AttachmentKind[] }): FileCheck => {
  const inspected = inspectFile(bytes);
  if (inspected.ok && !isAttachmentKind(inspected.kind)) return { ok: false, error: 'file_type' };
  const checked = checkFile({ bytes, fileName, declaredType, allowed, maxBytes: Number.POSITIVE_INFINITY });
  if (!checked.ok) return { ok: false, error: checked.error === 'file_empty' || checked.error === 'file_too_large' ? 'file_type' : checked.error };
  if (!isAttachmentKind(checked.kind)) return { ok: false, error: 'file_type' };
  return { ok: true, kind: checked.kind, mediaType: checked.mediaType };
};
