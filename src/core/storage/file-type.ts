/**
 * What an uploaded file is, taken from its bytes (never from its name or the browser's claim):
 * PDF starts with `%PDF-1.x`; DOCX, XLSX and PPTX are ZIP archives told apart by their
 * `[Content_Types].xml` (Office Open XML), ODT by its entry `mimetype` (OpenDocument). A file
 * whose name or declared type says something else is refused, as is an empty or oversized file
 * (an HTML or SVG page renamed .pdf is no PDF: `file_type`).
 *
 * ZIP archives are read from their central directory only: the sizes it declares, its number of
 * entries and where each entry lies are checked before anything is inflated, and only the one or
 * two small entries that say what the file is are inflated, with a cap (never the whole archive,
 * never into memory): a zip bomb is refused (`file_zip_bomb`) without being opened.
 *
 * Office files with macros are REFUSED (`file_macros`), not stripped: a VBA project
 * (`vbaProject.bin`), an Excel 4 macro sheet, a macro-enabled content type or name
 * (.docm/.xlsm/.pptm), an OpenDocument file with Basic or script folders. Stripping would mean
 * rewriting the author's file, and the register keeps the bytes it received.
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

/** Why a file is refused: a message key suffix each module words in its own catalog. */
export type FileProblem = 'file_empty' | 'file_too_large' | 'file_type' | 'file_mismatch' | 'file_kind_not_allowed' | 'file_zip_bomb' | 'file_macros';

/**
 * What a ZIP archive may declare before it is taken for a bomb. Real documents stay far below: a
 * 30 MB report with images declares about its own size (images do not compress), a text-heavy
 * DOCX inflates its XML 5 to 20 times; bombs declare gigabytes, or ratios in the thousands.
 */
export type ZipLimits = {
  /** Total uncompressed size of all entries. */
  maxTotalBytes: number;
  /** Number of entries. */
  maxEntries: number;
  /** Uncompressed / compressed size of an entry larger than `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
};
export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 512 * 1024 * 1024, maxEntries: 10_000, maxRatio: 200, ratioFromBytes: 1024 * 1024 };

/** How much of an entry is inflated to read it (the few small entries that say what a file is). */
const MAX_INFLATED_ENTRY = 1024 * 1024;

type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localOffset: number };

/** The central directory of a ZIP archive, 'bomb' when it declares too much, or null when the bytes are not a readable ZIP. */
const zipEntries = (bytes: Buffer, limits: ZipLimits): ZipEntry[] | 'bomb' | null => {
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
  // ZIP64 (0xFFFF entries, 0xFFFFFFFF offsets): no document within our size limits needs it.
  if (count === 0xffff || at === 0xffffffff) return 'bomb';
  if (count > limits.maxEntries) return 'bomb';
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const entry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) return 'bomb';
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) return 'bomb';
    if (entry.uncompressedSize > limits.ratioFromBytes && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) return 'bomb';
    if (entry.localOffset + 30 + entry.compressedSize > bytes.length) return null;
    entries.push(entry);
    at += 46 + nameLength + extra + comment;
  }
  // Entries sharing their data (the "overlapping" bomb: one small deflate stream named a thousand
  // times) declare little each; real archives never overlap.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1] as ZipEntry;
    if ((byOffset[i] as ZipEntry).localOffset < previous.localOffset + 30 + previous.compressedSize) return 'bomb';
  }
  return entries;
};

/** One entry's bytes (stored or deflated, at most MAX_INFLATED_ENTRY once inflated), or null. */
const entryData = (bytes: Buffer, entry: ZipEntry): Buffer | null => {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return raw.length <= MAX_INFLATED_ENTRY ? raw : null;
    if (entry.method === 8) return inflateRawSync(raw, { maxOutputLength: MAX_INFLATED_ENTRY });
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

/** Entries that hold macros: VBA projects (Office), Excel 4 macro sheets, Basic and scripts (OpenDocument). */
const MACRO_ENTRY = /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$|^xl\/macrosheets\/|^(Basic|Scripts)\//i;
/** Content types of macro-enabled Office files (…macroEnabled.main+xml) and of VBA parts. */
const MACRO_CONTENT_TYPE = /macroEnabled|vnd\.ms-office\.vbaProject|vnd\.ms-excel\.macrosheet|vnd\.ms-excel\.intlmacrosheet/i;

/** What the bytes are: an accepted kind, or the problem that refuses them (never inflating more than the entries it reads). */
export const inspectFile = (bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): { ok: true; kind: FileKind } | { ok: false; error: 'file_type' | 'file_zip_bomb' | 'file_macros' } => {
  if (/^%PDF-\d\.\d/.test(bytes.subarray(0, 8).toString('latin1'))) return { ok: true, kind: 'pdf' };
  const entries = zipEntries(bytes, limits);
  if (entries === 'bomb') return { ok: false, error: 'file_zip_bomb' };
  if (!entries) return { ok: false, error: 'file_type' };
  if (entries.some((e) => MACRO_ENTRY.test(e.name))) return { ok: false, error: 'file_macros' };
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const data = entryData(bytes, mimetype);
    if (data?.toString('latin1').trim() === FILE_TYPES.odt) return { ok: true, kind: 'odt' };
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  const xml = types ? entryData(bytes, types)?.toString('utf8') : undefined;
  if (!xml) return { ok: false, error: 'file_type' };
  if (MACRO_CONTENT_TYPE.test(xml)) return { ok: false, error: 'file_macros' };
  for (const kind of ['docx', 'xlsx', 'pptx'] as const) if (xml.includes(OOXML_MAIN[kind])) return { ok: true, kind };
  return { ok: false, error: 'file_type' };
};

/** What the bytes are (one of the accepted kinds), or null for anything else, a zip bomb or a file with macros included. */
export const sniffFile = (bytes: Buffer): FileKind | null => {
  const inspected = inspectFile(bytes);
  return inspected.ok ? inspected.kind : null;
};

const EXTENSIONS: Record<FileKind, string[]> = { pdf: ['pdf'], docx: ['docx'], odt: ['odt'], xlsx: ['xlsx'], pptx: ['pptx'] };
/** Names of macro-enabled Office files (and their templates): refused whatever their bytes. */
const MACRO_EXTENSIONS = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppsm', 'ppam']);
/** Types browsers send that say nothing (accepted whatever the bytes are). */
const VAGUE_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed']);

export type FileCheck = { ok: true; kind: FileKind; mediaType: string; extension: string } | { ok: false; error: FileProblem };

/**
 * Checks an upload: not empty, at most `maxBytes`, no macros (by its name or its content), no zip
 * bomb, its bytes an accepted kind (of `allowed` when given), and its name's extension and
 * declared type (when they say something) agreeing with the bytes.
 */
export const checkFile = ({
  bytes,
  fileName,
  declaredType = '',
  allowed,
  maxBytes,
  zipLimits = ZIP_LIMITS,
}: {
  bytes: Buffer;
  fileName: string;
  declaredType?: string;
  allowed?: readonly FileKind[];
  maxBytes: number;
  zipLimits?: ZipLimits;
}): FileCheck => {
  if (bytes.length === 0) return { ok: false, error: 'file_empty' };
  if (bytes.length > maxBytes) return { ok: false, error: 'file_too_large' };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if ((extension && MACRO_EXTENSIONS.has(extension)) || /macroEnabled/i.test(declared)) return { ok: false, error: 'file_macros' };
  const inspected = inspectFile(bytes, zipLimits);
  if (!inspected.ok) return inspected;
  const { kind } = inspected;
  if (!extension || !EXTENSIONS[kind].includes(extension)) return { ok: false, error: 'file_mismatch' };
  if (!VAGUE_TYPES.has(declared) && declared !== FILE_TYPES[kind]) return { ok: false, error: 'file_mismatch' };
  if (allowed && allowed.length > 0 && !allowed.includes(kind)) return { ok: false, error: 'file_kind_not_allowed' };
  return { ok: true, kind, mediaType: FILE_TYPES[kind], extension: EXTENSIONS[kind][0] as string };
};
