import { and, count, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import type { Questionnaire } from '../../questionnaire.js';
import { answers, consultations, versions } from '../../tables.js';
import { type BuilderError, type Edit, nextId } from '../rules.js';

export type EditQuestionnaireResult =
  | { ok: true; version: number; newVersion: boolean }
  | { ok: false; error: BuilderError | 'not_found' | 'not_editable' | 'change_note_required'; questionId?: string };

/** Allocates ids never used by any version of the consultation. */
export type IdAllocator = (prefix: 's' | 'q') => string;

/**
 * Applies one builder edit (see rules.ts) to the current questionnaire of a consultation. Assumes
 * 'consultations.consultation.manage' was checked.
 *
 * While no answer uses the current version, it is changed in place. Once one does, its questions
 * cannot change: the edit becomes the next version, with a change note saying why (required), and
 * the consultation's current version moves to it; answers keep the version they were given on.
 * A closed or published consultation is not edited. Audited, in one transaction with the change.
 */
export const editQuestionnaire = async (
  db: DbOrTx,
  {
    actor,
    consultationId,
    edit,
    changeNote,
    ip,
  }: { actor: Actor; consultationId: number; edit: (q: Questionnaire, ids: IdAllocator) => Edit; changeNote?: Localized; ip?: string },
): Promise<EditQuestionnaireResult> =>
  db.transaction(async (tx) => {
    // The row lock makes concurrent edits (and a first answer racing an edit) take turns.
    const [consultation] = await tx.select().from(consultations).where(eq(consultations.id, consultationId)).for('update');
    if (!consultation) return { ok: false, error: 'not_found' };
    if (consultation.status === 'closed' || consultation.status === 'published') return { ok: false, error: 'not_editable' };
    const all = await tx.select().from(versions).where(eq(versions.consultationId, consultationId));
    const current = all.find((v) => v.version === consultation.currentVersion);
    const before = current?.questionnaire ?? { sections: [] };
    const allocated: string[] = [];
    const ids: IdAllocator = (prefix) => {
      const id = nextId(prefix, [
        ...all.map((v) => v.questionnaire),
        { sections: allocated.map((x) => ({ id: x, title: {}, questions: [{ id: x, type: 'yes-no', label: {}, required: false }] })) },
      ]);
      allocated.push(id);
      return id;
    };
    const result = edit(before, ids);
    if (!result.ok) return result;
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(answers)
      .where(and(eq(answers.consultationId, consultationId), eq(answers.version, consultation.currentVersion)));
    const note = Object.fromEntries(Object.entries(changeNote ?? {}).filter(([, v]) => (v ?? '').trim() !== ''));
    let version = consultation.currentVersion;
    if (n > 0 || !current) {
      if (current && Object.keys(note).length === 0) return { ok: false, error: 'change_note_required' };
      version = Math.max(0, ...all.map((v) => v.version)) + 1;
      await tx.insert(versions).values({ consultationId, version, questionnaire: result.questionnaire, changeNote: note, createdBy: actor.id });
      await tx.update(consultations).set({ currentVersion: version, updatedAt: new Date() }).where(eq(consultations.id, consultationId));
    } else {
      await tx.update(versions).set({ questionnaire: result.questionnaire }).where(eq(versions.id, current.id));
      await tx.update(consultations).set({ updatedAt: new Date() }).where(eq(consultations.id, consultationId));
    }
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.manage',
      subjectType: 'consultation_questionnaire',
      subjectId: consultationId,
      before: { version: consultation.currentVersion, questionnaire: before },
      after: { version, questionnaire: result.questionnaire, ...(version !== consultation.currentVersion ? { changeNote: note } : {}) },
      ip,
    });
    return { ok: true, version, newVersion: version !== consultation.currentVersion };
  });
