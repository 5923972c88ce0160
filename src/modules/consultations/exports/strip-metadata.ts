/**
 * Published attachments leave without their authoring metadata (pure functions, bytes in, bytes out):
 * - PDF: every trailer's /Info reference is blanked and the Info dictionaries emptied; every XMP
 *   packet (<x:xmpmeta> … </x:xmpmeta>) is blanked. Bytes are replaced by spaces of the same
 *   length, so the cross-reference offsets stay right and the file still opens.
 * - DOCX, XLSX: docProps/core.xml and docProps/app.xml are replaced by empty property sets
 *   (author, last modified by, company, manager, dates gone); docProps/custom.xml is emptied; the
 *   authors of comments and tracked changes (w:author, w:initials, xl comments' <author>) and
 *   word/people.xml are blanked.
 * - ODT: meta.xml is replaced by an empty office:document-meta (creator, initial creator,
 *   user-defined fields gone), and the creators of annotations and tracked changes in
 *   content.xml are blanked. The `mimetype` entry stays first and stored, as ODF requires.
 * A file that cannot be read as its type is returned as null (not published).
 */
import { type Unzipped, type ZipOptions, unzipSync, zipSync } from 'fflate';
import { ATTACHMENT_TYPES } from '../questionnaire.js';

const blank = (bytes: Buffer, start: number, end: number) => bytes.fill(0x20, start, end);

export const stripPdf = (input: Buffer): Buffer => {
  const out = Buffer.from(input);
  // latin1 maps each byte to one character: string offsets are byte offsets.
  const text = out.toString('latin1');
  const infoObjects = new Set<string>();
  for (const m of text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)) {
    infoObjects.add(`${m[1]} ${m[2]}`);
    blank(out, m.index, m.index + m[0].length);
  }
  for (const ref of infoObjects) {
    const [num, gen] = ref.split(' ');
    for (const m of text.matchAll(new RegExp(`(?<![0-9])${num}\\s+${gen}\\s+obj\\b`, 'g'))) {
      const bodyStart = m.index + m[0].length;
      const end = text.indexOf('endobj', bodyStart);
      if (end < 0) continue;
      // "<<>>" then spaces: an empty dictionary of the same length.
      blank(out, bodyStart, end);
      out.write('<<>>', bodyStart, 'latin1');
    }
  }
  for (const m of text.matchAll(/<\?xpacket begin[\s\S]*?<\?xpacket end[^>]*>|<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/g)) blank(out, m.index, m.index + m[0].length);
  return out;
};

const EMPTY_CORE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
const EMPTY_APP =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>';
const EMPTY_CUSTOM =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>';
const EMPTY_ODF_META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"><office:meta/></office:document-meta>';

const unzip = (input: Buffer): Unzipped | null => {
  try {
    return unzipSync(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  } catch {
    return null;
  }
};

const rezip = (files: Unzipped, order: string[]): Buffer => {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const name of order) entries[name] = [files[name] as Uint8Array, { level: name === 'mimetype' ? 0 : 6 }];
  return Buffer.from(zipSync(entries));
};

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** People named inside the parts: comment and revision authors, their initials, the list of people. */
const PERSON_ATTRIBUTES = /\b(w:author|w:initials|w15:author|w15:userId|w15:providerId)="[^"]*"/g;
const PERSON_ELEMENTS = /<(author|dc:creator)>[^<]*<\/\1>/g;

const blankPeople = (files: Unzipped, names: string[]) => {
  for (const name of names) {
    const bytes = files[name];
    if (!bytes) continue;
    files[name] = utf8(text(bytes).replace(PERSON_ATTRIBUTES, '$1=""').replace(PERSON_ELEMENTS, '<$1></$1>'));
  }
};

export const stripOfficeOpenXml = (input: Buffer): Buffer | null => {
  const files = unzip(input);
  if (!files?.['[Content_Types].xml']) return null;
  if (files['docProps/core.xml']) files['docProps/core.xml'] = utf8(EMPTY_CORE);
  if (files['docProps/app.xml']) files['docProps/app.xml'] = utf8(EMPTY_APP);
  if (files['docProps/custom.xml']) files['docProps/custom.xml'] = utf8(EMPTY_CUSTOM);
  blankPeople(
    files,
    Object.keys(files).filter((n) => /^(word|xl)\/.*\.xml$/.test(n)),
  );
  return rezip(files, Object.keys(files));
};

export const stripOdf = (input: Buffer): Buffer | null => {
  const files = unzip(input);
  if (!files?.mimetype) return null;
  if (files['meta.xml']) files['meta.xml'] = utf8(EMPTY_ODF_META);
  blankPeople(files, ['content.xml', 'styles.xml']);
  return rezip(files, ['mimetype', ...Object.keys(files).filter((n) => n !== 'mimetype')]);
};

/** The file without its metadata, by media type; null when the type is not one published or the file is not readable. */
export const stripMetadata = (mediaType: string, data: Buffer): Buffer | null => {
  if (mediaType === ATTACHMENT_TYPES.pdf) return data.subarray(0, 5).toString('latin1') === '%PDF-' ? stripPdf(data) : null;
  if (mediaType === ATTACHMENT_TYPES.docx || mediaType === ATTACHMENT_TYPES.xlsx) return stripOfficeOpenXml(data);
  if (mediaType === ATTACHMENT_TYPES.odt) return stripOdf(data);
  return null;
};
