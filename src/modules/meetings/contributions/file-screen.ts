/**
 * Zip bombs and macros in an uploaded office file (DOCX, XLSX, PPTX, ODT are ZIP archives).
 * To be replaced by core's `checkFile` once the files engineer's version (which reports
 * 'file_zip_bomb' and 'file_macros' itself) is merged: this local screen reads only the ZIP's
 * central directory, before `checkFile`, and answers the same FileProblem codes. Macros are
 * refused, not stripped (a document with macros is refused with a message saying so).
 */
import type { FileProblem } from '../../../core/storage/file-type.js';

/** Most bytes all entries may take once inflated, and the largest inflation ratio of the archive. */
const MAX_INFLATED = 200 * 1024 * 1024;
const MAX_RATIO = 100;
/** Entries that carry macros: VBA projects (Office), Basic scripts (OpenDocument). */
const MACRO_ENTRY = /(^|\/)(vbaProject\.bin|vbaData\.xml)$|^Basic\/|(^|\/)(activeX|macros)\//i;

export const screenZip = (bytes: Buffer): FileProblem | null => {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
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
  let inflated = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (MACRO_ENTRY.test(name)) return 'file_macros';
    inflated += bytes.readUInt32LE(at + 24);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  if (inflated > MAX_INFLATED || inflated > bytes.length * MAX_RATIO) return 'file_zip_bomb';
  return null;
};
