/** Test material of contributions: meetings, and files built in the test (PDF, DOCX, a DOCX with macros, a zip bomb). */
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { localized } from '../../../test/factories.js';
import { agendaItems, type MeetingStatus, meetingGroups, meetings } from '../tables.js';

let nextNumber = 100 + Math.floor(Math.random() * 800_000);

/** A meeting of the CWG (seeded group) with two agenda items; the deadline `deadlineInDays` from now. */
export const insertMeeting = async (db: DbOrTx, { status = 'planned', deadlineInDays = 10 }: { status?: MeetingStatus; deadlineInDays?: number } = {}) => {
  const [group] = await db.select({ id: meetingGroups.id, code: meetingGroups.code }).from(meetingGroups).where(sql`${meetingGroups.code} = 'CWG-WSIS&SDG'`);
  if (!group) throw new Error('CWG group not seeded');
  const day = 24 * 3600 * 1000;
  const number = nextNumber++;
  const [meeting] = await db
    .insert(meetings)
    .values({
      groupId: group.id,
      number,
      title: localized('Meeting'),
      startsAt: new Date(Date.now() + (deadlineInDays + 12) * day),
      endsAt: new Date(Date.now() + (deadlineInDays + 13) * day),
      contributionsDeadline: new Date(Date.now() + deadlineInDays * day),
      status,
    })
    .returning();
  if (!meeting) throw new Error('meeting not created');
  const items = await db
    .insert(agendaItems)
    .values([
      { meetingId: meeting.id, number: '1', position: 1, title: localized('Opening') },
      { meetingId: meeting.id, number: '2', position: 2, title: localized('WSIS beyond 2025') },
    ])
    .returning();
  return { ...meeting, groupCode: group.code, agenda: items, path: `/meetings/${encodeURIComponent(group.code)}/${number}` };
};

/** A small PDF, different each time (the file store keeps one copy of equal bytes). */
export const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from(randomBytes(16).toString('hex')), Buffer.from('\n%%EOF\n')]);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A ZIP archive of these entries (deflated when `deflate`), as office files are. */
export const zip = (entries: { name: string; data: Buffer; deflate?: boolean }[]) => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A minimal DOCX (different each time). */
export const docx = (extra: { name: string; data: Buffer; deflate?: boolean }[] = []) =>
  zip([
    { name: '[Content_Types].xml', data: Buffer.from(DOCX_TYPES) },
    { name: 'word/document.xml', data: Buffer.from(`<w:document><w:body><w:p><w:r><w:t>${randomBytes(8).toString('hex')}</w:t></w:r></w:p></w:body></w:document>`) },
    ...extra,
  ]);

/** A DOCX with a VBA project (macros). */
export const docxWithMacros = () => docx([{ name: 'word/vbaProject.bin', data: randomBytes(64) }]);

/** A DOCX whose one entry inflates to 64 MB of zeros from some 64 KB: a zip bomb. */
export const zipBomb = () => docx([{ name: 'word/media/padding.bin', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }]);
