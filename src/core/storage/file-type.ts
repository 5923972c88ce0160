/**
 * What an uploaded file is, taken from its bytes (never from its name or the browser's claim):
 * PDF starts with `%PDF-`; DOCX, XLSX and PPTX are ZIP archives told apart by their
 * `[Content_Types].xml` (Office Open XML), ODT by its first entry `mimetype` (OpenDocument). A file
 * whose name or declared type says something else is refused, as is an empty or oversized file.
 * (First version, moved from consultations; zip bombs and macros are checked by `checkFile` too.)
 */
import { inflateRawSync } from 'node:zlib';

export const FILE_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;
export type FileKind = keyof typeof FILE_TYPES;

type ZipEntry = { name: string; method: number; compressedSize: number; localOffset: number };

/** The entries of a ZIP archive's central directory, or null when the bytes are not a readable ZIP. */
const zipEntries = (bytes: Buffer): ZipEntry[] | null => {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record is in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
};

/** One entry's bytes (stored or deflated, at most 1 MiB once inflated), or null. */
const entryData = (bytes: Buffer, entry: ZipEntry): Buffer | null => {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return raw;
    if (entry.method === 8) return inflateRawSync(raw, { maxOutputLength: 1024 * 1024 });
  } catch {
    return null;
  }
  return null;
};

const OOXML_MAIN: Record<'docx' | 'xlsx' | 'pptx', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
};

/** What the bytes are (one of the accepted kinds), or null for anything else. */
export const sniffFile = (bytes: Buffer): FileKind | null => {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const entries = zipEntries(bytes);
  if (!entries) return null;
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const data = entryData(bytes, mimetype);
    if (data?.toString('latin1').trim() === FILE_TYPES.odt) return 'odt';
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  const xml = types ? entryData(bytes, types)?.toString('utf8') : undefined;
  if (!xml) return null;
  for (const kind of ['docx', 'xlsx', 'pptx'] as const) if (xml.includes(OOXML_MAIN[kind])) return kind;
  return null;
};

const EXTENSIONS: Record<FileKind, string[]> = { pdf: ['pdf'], docx: ['docx'], odt: ['odt'], xlsx: ['xlsx'], pptx: ['pptx'] };
/** Types browsers send that say nothing (accepted whatever the bytes are). */
const VAGUE_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed']);

/** Why a file is refused: a message key suffix each module words in its own catalog. */
export type FileProblem = 'file_empty' | 'file_too_large' | 'file_type' | 'file_mismatch' | 'file_kind_not_allowed' | 'file_zip_bomb' | 'file_macros';

export type FileCheck = { ok: true; kind: FileKind; mediaType: string; extension: string } | { ok: false; error: FileProblem };

/**
 * Checks an upload: not empty, at most `maxBytes`, its bytes an accepted kind (of `allowed` when
 * given), and its name's extension and declared type (when they say something) agreeing with the bytes.
 */
export const checkFile = ({
  bytes,
  fileName,
  declaredType = '',
  allowed,
  maxBytes,
}: {
  bytes: Buffer;
  fileName: string;
  declaredType?: string;
  allowed?: readonly FileKind[];
  maxBytes: number;
}): FileCheck => {
  if (bytes.length === 0) return { ok: false, error: 'file_empty' };
  if (bytes.length > maxBytes) return { ok: false, error: 'file_too_large' };
  const kind = sniffFile(bytes);
  if (!kind) return { ok: false, error: 'file_type' };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!extension || !EXTENSIONS[kind].includes(extension)) return { ok: false, error: 'file_mismatch' };
  if (!VAGUE_TYPES.has(declared) && declared !== FILE_TYPES[kind]) return { ok: false, error: 'file_mismatch' };
  if (allowed && allowed.length > 0 && !allowed.includes(kind)) return { ok: false, error: 'file_kind_not_allowed' };
  return { ok: true, kind, mediaType: FILE_TYPES[kind], extension: EXTENSIONS[kind][0] as string };
};
