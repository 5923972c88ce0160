/**
 * Set-up shared by the register's tests: a meeting of the CWG (management/ owns the meeting
 * commands; the tables are the module's own, so rows are written directly), a file store in a
 * temporary folder, a secretariat actor and a document created through the commands.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { LocalFileStore } from '../../../core/storage/files.js';
import { buildUser, actorOf as coreActorOf } from '../../../test/factories.js';
import { agendaItems, type MeetingAccess, meetingGroups, meetings } from '../tables.js';
import { type CreateDocumentInput, createDocument } from './commands/create-document.js';
import { minimalPdf } from './pdf.js';

export const DAY = 86_400_000;

export const tempStore = () => new LocalFileStore(mkdtempSync(join(tmpdir(), 'wsis-register-')));

/** The user's Actor, in the user's own language. */
export const actorOf = (user: { id: number; email: string; name: string; locale: string }, roles: Actor['roles']): Actor => coreActorOf(user, roles, { locale: user.locale });

export const buildSecretariat = async (db: DbOrTx) => {
  const user = await buildUser(db, { roles: ['secretariat'] });
  return { user, actor: actorOf(user, ['secretariat']) };
};

/** A meeting of the CWG numbered `number`, opening in `opensInDays` days, with agenda items 1, 2 and 2.1. */
export const buildMeeting = async (db: DbOrTx, { number = 41, opensInDays = 30, access = 'public' as MeetingAccess } = {}) => {
  const [group] = await db.select().from(meetingGroups).where(eq(meetingGroups.code, 'CWG-WSIS&SDG'));
  if (!group) throw new Error('the CWG group is seeded');
  const startsAt = new Date(Date.now() + opensInDays * DAY);
  const [meeting] = await db
    .insert(meetings)
    .values({
      groupId: group.id,
      number,
      title: { en: `${number}th meeting of the CWG-WSIS&SDG`, fr: `${number}e réunion du GTC-SMSI&ODD` },
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * DAY),
      contributionsDeadline: new Date(startsAt.getTime() - 12 * DAY),
      access,
    })
    .returning();
  if (!meeting) throw new Error('meeting not created');
  const items = await db
    .insert(agendaItems)
    .values([
      { meetingId: meeting.id, number: '1', position: 1, title: { en: 'Opening', fr: 'Ouverture' } },
      { meetingId: meeting.id, number: '2', position: 2, title: { en: 'WSIS beyond 2025', fr: 'Le SMSI après 2025' } },
      { meetingId: meeting.id, number: '2.1', position: 3, title: { en: 'Roadmaps', fr: 'Feuilles de route' } },
    ])
    .returning();
  return { meeting, group, items };
};

export const pdfFile = (locale: CreateDocumentInput['originalLanguage'], text = 'Contribution') => ({
  locale,
  bytes: minimalPdf(`${text} ${locale}`),
  fileName: `contribution-${locale}.pdf`,
  declaredType: 'application/pdf',
});

export const documentInput = (meetingId: number, overrides: Partial<CreateDocumentInput> = {}): CreateDocumentInput => ({
  meetingId,
  kind: 'contribution',
  title: { en: 'Contribution on the WSIS roadmaps', fr: 'Contribution sur les feuilles de route du SMSI' },
  sourceKind: 'member-state',
  sourceCountry: 'FR',
  originalLanguage: 'en',
  documentDate: '2026-03-02',
  files: [pdfFile('en'), pdfFile('fr')],
  ...overrides,
});

/** A document created (and registered, and published when asked) through the commands. */
export const buildDocument = async (
  db: DbOrTx,
  { actor, store, input, register = true }: { actor: Actor; store: LocalFileStore; input: CreateDocumentInput; register?: boolean },
) => {
  const created = await createDocument(db, { actor, store, input, register });
  if (!created.ok) throw new Error(`document refused: ${JSON.stringify(created.errors)}`);
  return created;
};
