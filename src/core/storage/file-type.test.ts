import { Document, Packer, Paragraph } from 'docx';
import { strToU8, type Zippable, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkFile, FILE_TYPES, inspectFile, sniffFile, ZIP_LIMITS } from './file-type.js';

const MB = 1024 * 1024;
const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
const contentTypes = (main: string, extra = '') =>
  xml(
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${extra}<Override PartName="/main.xml" ContentType="${main}"/></Types>`,
  );

/** A DOCX as Word writes one (the docx package). */
const realDocx = async () => Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Contribution de la Fédération de Russie — Вклад')] }] })));
const ooxml = (main: string, more: Zippable = {}) => Buffer.from(zipSync({ '[Content_Types].xml': contentTypes(main), 'main.xml': xml('<x/>'), ...more }));
const XLSX = () => ooxml('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', { 'xl/workbook.xml': xml('<workbook/>') });
const PPTX = () => ooxml('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', { 'ppt/presentation.xml': xml('<p:presentation/>') });
/** OpenDocument: `mimetype` first and stored, as the standard says. */
const odt = (more: Zippable = {}) =>
  Buffer.from(
    zipSync({ mimetype: [strToU8(FILE_TYPES.odt), { level: 0 }], 'content.xml': xml('<office:document-content/>'), 'META-INF/manifest.xml': xml('<manifest/>'), ...more }),
  );
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** The central directory records of a ZIP (their offsets), to forge what they declare. */
const centralRecords = (zip: Buffer) => {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const found: number[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    found.push(at);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { eocd, records: found };
};

describe('the type of a file, from its bytes', () => {
  it('knows PDF, DOCX, ODT, XLSX and PPTX', async () => {
    expect(sniffFile(PDF)).toBe('pdf');
    expect(sniffFile(await realDocx())).toBe('docx');
    expect(sniffFile(odt())).toBe('odt');
    expect(sniffFile(XLSX())).toBe('xlsx');
    expect(sniffFile(PPTX())).toBe('pptx');
  });

  it('accepts each with its own name and type, and says which type to serve it with', async () => {
    const cases = [
      [PDF, 'Rapport annuel.pdf', 'pdf'],
      [await realDocx(), 'Вклад Российской Федерации.docx', 'docx'],
      [odt(), 'contribution.ODT', 'odt'],
      [XLSX(), 'budget.xlsx', 'xlsx'],
      [PPTX(), 'slides.pptx', 'pptx'],
    ] as const;
    for (const [bytes, fileName, kind] of cases) {
      expect(checkFile({ bytes, fileName, declaredType: FILE_TYPES[kind], maxBytes: 30 * MB }), fileName).toEqual({ ok: true, kind, mediaType: FILE_TYPES[kind], extension: kind });
      expect(checkFile({ bytes, fileName, declaredType: 'application/octet-stream', maxBytes: 30 * MB }), fileName).toMatchObject({ ok: true, kind });
    }
  });

  it('refuses an HTML page or an SVG image renamed .pdf, and other things that are not documents', () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
    for (const bytes of [html, svg, Buffer.from('\uFEFF<html>%PDF-1.7'), Buffer.from('%PDF-<html>'), Buffer.from('MZ\x90\x00 an executable')]) {
      expect(checkFile({ bytes, fileName: 'report.pdf', declaredType: 'application/pdf', maxBytes: MB })).toEqual({ ok: false, error: 'file_type' });
    }
    expect(checkFile({ bytes: Buffer.from(zipSync({ 'a.txt': strToU8('hello') })), fileName: 'a.docx', maxBytes: MB })).toEqual({ ok: false, error: 'file_type' });
  });

  it('refuses an empty file, a file over the limit, a name or a declared type that lies, a kind not allowed', async () => {
    const docx = await realDocx();
    expect(checkFile({ bytes: Buffer.alloc(0), fileName: 'a.pdf', maxBytes: MB })).toEqual({ ok: false, error: 'file_empty' });
    expect(checkFile({ bytes: Buffer.concat([PDF, Buffer.alloc(MB)]), fileName: 'a.pdf', maxBytes: MB })).toEqual({ ok: false, error: 'file_too_large' });
    expect(checkFile({ bytes: docx, fileName: 'paper.pdf', maxBytes: MB })).toEqual({ ok: false, error: 'file_mismatch' });
    expect(checkFile({ bytes: docx, fileName: 'paper', maxBytes: MB })).toEqual({ ok: false, error: 'file_mismatch' });
    expect(checkFile({ bytes: docx, fileName: 'paper.docx', declaredType: 'application/pdf', maxBytes: MB })).toEqual({ ok: false, error: 'file_mismatch' });
    expect(checkFile({ bytes: PPTX(), fileName: 'slides.pptx', allowed: ['pdf', 'docx'], maxBytes: MB })).toEqual({ ok: false, error: 'file_kind_not_allowed' });
  });
});

describe('zip bombs', () => {
  it('refuses an entry that inflates far more than it weighs (20 MB of zeros in a few kilobytes)', () => {
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': contentTypes(FILE_TYPES.docx), 'word/document.xml': new Uint8Array(20 * MB) }));
    expect(bomb.length).toBeLessThan(100_000);
    expect(checkFile({ bytes: bomb, fileName: 'bomb.docx', maxBytes: 30 * MB })).toEqual({ ok: false, error: 'file_zip_bomb' });
  });

  it('refuses an archive whose central directory declares more than the limit in all (read from the directory, nothing inflated)', async () => {
    const zip = await realDocx();
    const { records } = centralRecords(zip);
    // Each entry says it holds 200 MB: the file itself is unchanged and small.
    for (const at of records) zip.writeUInt32LE(200 * MB, at + 24);
    // The total alone refuses it (the ratio too would).
    expect(inspectFile(zip, { ...ZIP_LIMITS, maxRatio: Number.POSITIVE_INFINITY })).toEqual({ ok: false, error: 'file_zip_bomb' });
    expect(inspectFile(zip, { ...ZIP_LIMITS, maxRatio: Number.POSITIVE_INFINITY, maxTotalBytes: Number.POSITIVE_INFINITY })).toMatchObject({ ok: true });
    expect(checkFile({ bytes: zip, fileName: 'big.docx', maxBytes: 30 * MB })).toEqual({ ok: false, error: 'file_zip_bomb' });
  });

  it('refuses an archive of too many entries', () => {
    const many: Zippable = { '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') };
    for (let i = 0; i < 10_001; i++) many[`xl/p${i}.xml`] = new Uint8Array(0);
    expect(checkFile({ bytes: Buffer.from(zipSync(many)), fileName: 'many.xlsx', maxBytes: 30 * MB })).toEqual({ ok: false, error: 'file_zip_bomb' });
  });

  it('refuses entries that share their data (the overlapping bomb)', () => {
    const zip = Buffer.from(zipSync({ '[Content_Types].xml': contentTypes(FILE_TYPES.docx), 'a.xml': xml('<a/>'), 'b.xml': xml('<b/>') }));
    const { records } = centralRecords(zip);
    // The third entry points at the data of the second.
    zip.writeUInt32LE(zip.readUInt32LE((records[1] as number) + 42), (records[2] as number) + 42);
    expect(inspectFile(zip)).toEqual({ ok: false, error: 'file_zip_bomb' });
  });
});

describe('macros', () => {
  /** A real DOCX turned into a macro-enabled one, as Word saves a .docm. */
  const docm = async ({ contentType = true, project = true } = {}) => {
    const parts = unzipSync(new Uint8Array(await realDocx()));
    if (project) parts['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
    if (contentType) {
      const types = Buffer.from(parts['[Content_Types].xml'] as Uint8Array).toString('utf8');
      parts['[Content_Types].xml'] = strToU8(types.replace(`${FILE_TYPES.docx}.main+xml`, 'application/vnd.ms-word.document.macroEnabled.main+xml'));
    }
    return Buffer.from(zipSync(parts));
  };

  it('refuses a Word document with a VBA project, whatever it is called', async () => {
    for (const fileName of ['motion.docm', 'motion.docx', 'motion.pdf']) {
      expect(checkFile({ bytes: await docm(), fileName, maxBytes: 30 * MB }), fileName).toEqual({ ok: false, error: 'file_macros' });
    }
    expect(checkFile({ bytes: await docm({ contentType: false }), fileName: 'motion.docx', maxBytes: 30 * MB })).toEqual({ ok: false, error: 'file_macros' });
    expect(checkFile({ bytes: await docm({ project: false }), fileName: 'motion.docx', maxBytes: 30 * MB })).toEqual({ ok: false, error: 'file_macros' });
  });

  it('refuses macro-enabled names and types even when the bytes hold no macro', async () => {
    const clean = await realDocx();
    for (const fileName of ['a.docm', 'b.XLSM', 'c.pptm', 'd.dotm'])
      expect(checkFile({ bytes: clean, fileName, maxBytes: MB }), fileName).toEqual({ ok: false, error: 'file_macros' });
    expect(checkFile({ bytes: clean, fileName: 'a.docx', declaredType: 'application/vnd.ms-word.document.macroEnabled.12', maxBytes: MB })).toEqual({
      ok: false,
      error: 'file_macros',
    });
  });

  it('refuses an Excel workbook with a macro sheet and a presentation with a VBA project', () => {
    const xlsm = ooxml('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', { 'xl/macrosheets/sheet1.xml': xml('<xm:macrosheet/>') });
    expect(checkFile({ bytes: xlsm, fileName: 'budget.xlsx', maxBytes: MB })).toEqual({ ok: false, error: 'file_macros' });
    const pptm = ooxml('application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml');
    expect(checkFile({ bytes: pptm, fileName: 'slides.pptx', maxBytes: MB })).toEqual({ ok: false, error: 'file_macros' });
  });

  it('refuses an OpenDocument text with Basic macros or scripts', () => {
    expect(checkFile({ bytes: odt({ 'Basic/Standard/Module1.xml': xml('<script:module/>') }), fileName: 'text.odt', maxBytes: MB })).toEqual({ ok: false, error: 'file_macros' });
    expect(checkFile({ bytes: odt({ 'Scripts/python/run.py': strToU8('import os') }), fileName: 'text.odt', maxBytes: MB })).toEqual({ ok: false, error: 'file_macros' });
    expect(checkFile({ bytes: odt(), fileName: 'text.odt', maxBytes: MB })).toMatchObject({ ok: true, kind: 'odt' });
  });
});
