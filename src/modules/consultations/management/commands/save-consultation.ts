import { and, count, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findActionLines, findSdgs } from '../../../reference/queries.js';
import { answers, consultations, versions } from '../../tables.js';
import type { ConsultationInput } from '../inputs.js';

export type SaveConsultationError = 'title_in_original' | 'dates_ordered' | 'unknown_action_line' | 'unknown_sdg' | 'respondent_kind_answered' | 'not_found';
export type SaveConsultationResult = { ok: true; id: number } | { ok: false; error: SaveConsultationError; field: string };

/** The checks that need the database or span fields: a title in the original language, dates in order, known topics. */
const check = async (db: DbOrTx, input: ConsultationInput): Promise<Exclude<SaveConsultationResult, { ok: true }> | null> => {
  if (!input.title[input.originalLanguage]) return { ok: false, error: 'title_in_original', field: `title.${input.originalLanguage}` };
  if (new Date(input.opensAt) >= new Date(input.closesAt)) return { ok: false, error: 'dates_ordered', field: 'closesAt' };
  if (input.actionLines.length > 0) {
    const known = new Set((await findActionLines(db)).map((l) => l.code));
    if (input.actionLines.some((code) => !known.has(code))) return { ok: false, error: 'unknown_action_line', field: 'actionLines' };
  }
  if (input.sdgs.length > 0) {
    const known = new Set((await findSdgs(db)).map((s) => s.number));
    if (input.sdgs.some((n) => !known.has(n))) return { ok: false, error: 'unknown_sdg', field: 'sdgs' };
  }
  return null;
};

const columns = (input: ConsultationInput) => ({
  title: input.title,
  purpose: input.purpose,
  originalLanguage: input.originalLanguage,
  translations: { ...input.translations, [input.originalLanguage]: 'original' as const },
  audience: input.audience,
  respondentKind: input.respondentKind,
  opensAt: new Date(input.opensAt),
  closesAt: new Date(input.closesAt),
  answersMayBePublished: input.answersMayBePublished,
  actionLines: [...new Set(input.actionLines)],
  sdgs: [...new Set(input.sdgs)].sort((a, b) => a - b),
});

/**
 * Creates a consultation as a draft with an empty questionnaire (version 1). Assumes
 * 'consultations.consultation.manage' was checked. Audited.
 */
export const createConsultation = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: ConsultationInput; ip?: string }): Promise<SaveConsultationResult> =>
  db.transaction(async (tx) => {
    const refused = await check(tx, input);
    if (refused) return refused;
    const [row] = await tx
      .insert(consultations)
      .values({ ...columns(input), createdBy: actor.id })
      .returning({ id: consultations.id });
    if (!row) throw new Error('consultation not inserted');
    await tx.insert(versions).values({ consultationId: row.id, version: 1, questionnaire: { sections: [] }, createdBy: actor.id });
    await recordAction(tx, { actor, action: 'consultations.consultation.manage', subjectType: 'consultation', subjectId: row.id, after: { created: columns(input) }, ip });
    return { ok: true, id: row.id };
  });

/**
 * Changes a consultation's texts and settings (any status: a date or a translation can be
 * corrected while it is open). Once answers exist, who answers (organization or individual)
 * stays as it was, since the answers already given are keyed by it. Audited with before/after.
 */
export const updateConsultation = async (
  db: DbOrTx,
  { actor, id, input, ip }: { actor: Actor; id: number; input: ConsultationInput; ip?: string },
): Promise<SaveConsultationResult> =>
  db.transaction(async (tx) => {
    const [before] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update');
    if (!before) return { ok: false, error: 'not_found', field: '_form' };
    const refused = await check(tx, input);
    if (refused) return refused;
    if (input.respondentKind !== before.respondentKind) {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(answers)
        .where(and(eq(answers.consultationId, id)));
      if (n > 0) return { ok: false, error: 'respondent_kind_answered', field: 'respondentKind' };
    }
    const after = columns(input);
    await tx
      .update(consultations)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(consultations.id, id));
    await recordAction(tx, { actor, action: 'consultations.consultation.manage', subjectType: 'consultation', subjectId: id, before, after, ip });
    return { ok: true, id };
  });
