/** Test material of contributions: meetings, and files built in the test (PDF, DOCX, a DOCX with macros, a zip bomb). */
import { zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
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

/** A ZIP archive of these entries (deflated when `deflate`), as office files are: written by fflate, a real ZIP writer. */
export const zip = (entries: { name: string; data: Buffer; deflate?: boolean }[]) =>
  Buffer.from(zipSync(Object.fromEntries(entries.map((e) => [e.name, [new Uint8Array(e.data), { level: e.deflate ? 6 : 0 }]]))));

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
