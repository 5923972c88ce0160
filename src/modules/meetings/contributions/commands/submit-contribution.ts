/**
 * A member submits a contribution to a meeting: the title (at least in the original language),
 * the agenda item, the original language, the file of the original language and optionally other
 * language versions, a note for the secretariat. Every file is checked from its bytes (zip bombs
 * and macros refused, then core `checkFile`); the document (kind contribution, status submitted),
 * its files, their core_files rows, the notifications and the audit row are written in one
 * transaction. Refused input writes nothing; bytes kept for a submission that then failed are
 * removed unless another row needs them. After the deadline a contribution is still accepted
 * (`late: true` in the result): the secretariat decides whether to register it as late.
 */
import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import { isLocale, LOCALES, type Locale } from '../../../../core/i18n/locales.js';
import { notify } from '../../../../core/notifications/notify.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { checkFile, type FileProblem } from '../../../../core/storage/file-type.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { agendaItems, documentFiles, meetingDocuments, meetingGroups, meetings } from '../../tables.js';
import { contributionReceived, contributionSubmitted } from '../notifications.js';
import { isLate, isReceiving, MAX_CONTRIBUTION_BYTES, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, type MemberOrganization, sourcesOf, titlesFrom } from '../rules.js';
import { createHash } from 'node:crypto';
import { forgetUnkeptFiles, keepFile } from '../../../../core/storage/keep.js';

export type IncomingFile = { bytes: Buffer; fileName: string; declaredType: string; truncated?: boolean };

export type SubmitContributionInput = {
  /** The source chosen ('org:7', 'secretariat', 'self'); may be left out when only one is possible. */
  source?: string;
  titles: Partial<Record<Locale, string | undefined>>;
  agendaItem?: string;
  originalLanguage?: string;
  note?: string;
  files: Partial<Record<Locale, IncomingFile>>;
};

/** A field's problem: the field ('title_ru', 'file_ru', 'agenda_item'…) and the message key suffix. */
export type ContributionProblem = { field: string; error: string };

export type SubmitContributionResult =
  | { ok: true; documentId: number; late: boolean }
  | { ok: false; error: 'not_found' | 'forbidden' }
  | { ok: false; error: 'not_receiving'; status: string }
  | { ok: false; error: 'invalid'; problems: ContributionProblem[] };

/** A safe name to keep beside the file (no folders, no control characters, at most 200 characters). */
const cleanName = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  name.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(-200) || 'file';

export const checkContributionFile = (file: IncomingFile): FileProblem | { kind: string; mediaType: string } => {
  if (file.truncated) return 'file_too_large';
  if (file.bytes.length === 0) return 'file_empty';
  const checked = checkFile({ bytes: file.bytes, fileName: file.fileName, declaredType: file.declaredType, maxBytes: MAX_CONTRIBUTION_BYTES });
  return checked.ok ? { kind: checked.kind, mediaType: checked.mediaType } : checked.error;
};

export const submitContribution = async (
  db: Db,
  {
    actor,
    organizations,
    meetingId,
    input,
    store,
    now = new Date(),
    ip,
  }: { actor: Actor; organizations: readonly MemberOrganization[]; meetingId: number; input: SubmitContributionInput; store: FileStore; now?: Date; ip?: string },
): Promise<SubmitContributionResult> => {
  const [meeting] = await db
    .select({ id: meetings.id, number: meetings.number, status: meetings.status, deadline: meetings.contributionsDeadline, groupCode: meetingGroups.code })
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(eq(meetings.id, meetingId));
  if (!meeting) return { ok: false, error: 'not_found' };
  const sources = sourcesOf(actor, organizations);
  if (sources.length === 0) return { ok: false, error: 'forbidden' };
  if (!isReceiving(meeting.status)) return { ok: false, error: 'not_receiving', status: meeting.status };

  const problems: ContributionProblem[] = [];
  const source = input.source ? sources.find((s) => s.value === input.source) : sources.length === 1 ? sources[0] : undefined;
  if (!source) problems.push({ field: 'source', error: input.source ? 'source_unknown' : 'required' });
  const original = isLocale(input.originalLanguage) ? input.originalLanguage : null;
  if (!original) problems.push({ field: 'original_language', error: input.originalLanguage ? 'invalid_choice' : 'required' });
  const titles = titlesFrom(input.titles);
  for (const [locale, text] of Object.entries(titles)) if (text.length > MAX_TITLE_LENGTH) problems.push({ field: `title_${locale}`, error: 'title_too_long' });
  if (original && !titles[original]) problems.push({ field: `title_${original}`, error: 'title_required' });
  let agendaItemId: number | null = null;
  if (input.agendaItem) {
    const id = /^[1-9]\d{0,15}$/.test(input.agendaItem) ? Number(input.agendaItem) : null;
    const [item] = id
      ? await db
          .select({ id: agendaItems.id })
          .from(agendaItems)
          .where(and(eq(agendaItems.id, id), eq(agendaItems.meetingId, meeting.id)))
      : [];
    if (item) agendaItemId = item.id;
    else problems.push({ field: 'agenda_item', error: 'invalid_choice' });
  } else if ((await db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).limit(1)).length > 0) {
    problems.push({ field: 'agenda_item', error: 'required' });
  }
  const note = input.note?.trim() ?? '';
  if (note.length > MAX_NOTE_LENGTH) problems.push({ field: 'note', error: 'note_too_long' });
  const checked: { locale: Locale; file: IncomingFile; mediaType: string; sha256: string }[] = [];
  for (const locale of LOCALES) {
    const file = input.files[locale];
    if (!file) continue;
    const result = checkContributionFile(file);
    if (typeof result === 'string') problems.push({ field: `file_${locale}`, error: result });
    else checked.push({ locale, file, mediaType: result.mediaType, sha256: createHash('sha256').update(file.bytes).digest('hex') });
  }
  if (original && !input.files[original]) problems.push({ field: `file_${original}`, error: 'file_required' });
  if (problems.length > 0 || !source || !original) return { ok: false, error: 'invalid', problems };

  const late = isLate(meeting.deadline, now);
  const kept: string[] = [];
  try {
    return await db.transaction(async (tx) => {
      const [doc] = await tx
        .insert(meetingDocuments)
        .values({
          meetingId: meeting.id,
          kind: 'contribution',
          status: 'submitted',
          title: titles,
          sourceKind: source.sourceKind,
          sourceCountry: source.sourceCountry,
          sourceOrganizationId: source.sourceOrganizationId,
          sourceName: source.sourceName,
          agendaItemId,
          originalLanguage: original,
          documentDate: now.toISOString().slice(0, 10),
          submittedBy: actor.id,
          submittedAt: now,
          // The submitter's note to the secretariat, until it is registered or rejected (then the
          // reason replaces it): no column of its own, to keep the lead's schema.
          statusNote: note || null,
          updatedAt: now,
        })
        .returning({ id: meetingDocuments.id });
      if (!doc) throw new Error('contribution not written');
      for (const c of checked) {
        kept.push(c.sha256);
        const stored = await keepFile(tx, store, c.file.bytes, c.mediaType);
        await tx.insert(documentFiles).values({
          documentId: doc.id,
          locale: c.locale,
          sha256: stored.sha256,
          mediaType: c.mediaType,
          fileName: cleanName(c.file.fileName),
          size: stored.size,
          uploadedBy: actor.id,
          uploadedAt: now,
        });
      }
      const meetingCode = `${meeting.groupCode}-${meeting.number}`;
      await notify(tx, contributionReceived, { to: [actor.id], params: { meeting: meetingCode, title: titles }, link: `/meetings/my-contributions/${doc.id}` });
      await notify(tx, contributionSubmitted, {
        params: { meeting: meetingCode, title: titles },
        link: `/admin/meetings/${encodeURIComponent(meeting.groupCode)}/${meeting.number}/contributions`,
        except: actor.id,
      });
      await recordAction(tx, {
        actor,
        action: 'meetings.contribution.submit',
        subjectType: 'meeting_document',
        subjectId: doc.id,
        after: { meetingId: meeting.id, status: 'submitted', late, source: source.value, languages: checked.map((c) => c.locale) },
        ip,
      });
      return { ok: true as const, documentId: doc.id, late };
    });
  } catch (error) {
    await forgetUnkeptFiles(db, store, kept);
    throw error;
  }
};
