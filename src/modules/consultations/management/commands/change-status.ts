import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { questionsOf } from '../../questionnaire.js';
import { type ConsultationStatus, consultations, versions } from '../../tables.js';

/** The lifecycle's moves: draft → open → closed → published (results published). */
export const TRANSITIONS = { open: 'draft', close: 'open', publish: 'closed' } as const satisfies Record<string, ConsultationStatus>;
export type Transition = keyof typeof TRANSITIONS;
const TARGET: Record<Transition, ConsultationStatus> = { open: 'open', close: 'closed', publish: 'published' };

export type ChangeStatusResult = { ok: true; status: ConsultationStatus } | { ok: false; error: 'not_found' | 'wrong_status' | 'no_questions' | 'closes_in_past' };

/**
 * Moves a consultation one step along its lifecycle. Assumes 'consultations.consultation.manage'
 * was checked. Opening needs at least one question and a closing time still ahead (answers are
 * then accepted from the opening time); closing ends answering at once, even before the closing
 * time; publishing makes the results public. Each move is audited in its transaction.
 */
export const changeStatus = async (
  db: DbOrTx,
  { actor, id, transition, now = new Date(), ip }: { actor: Actor; id: number; transition: Transition; now?: Date; ip?: string },
): Promise<ChangeStatusResult> =>
  db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update');
    if (!c) return { ok: false, error: 'not_found' };
    if (c.status !== TRANSITIONS[transition]) return { ok: false, error: 'wrong_status' };
    if (transition === 'open') {
      const [current] = await tx
        .select()
        .from(versions)
        .where(and(eq(versions.consultationId, id), eq(versions.version, c.currentVersion)));
      if (!current || questionsOf(current.questionnaire).length === 0) return { ok: false, error: 'no_questions' };
      if (c.closesAt <= now) return { ok: false, error: 'closes_in_past' };
    }
    const status = TARGET[transition];
    await tx.update(consultations).set({ status, updatedAt: now }).where(eq(consultations.id, id));
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.manage',
      subjectType: 'consultation',
      subjectId: id,
      before: { status: c.status },
      after: { status, transition },
      ip,
    });
    return { ok: true, status };
  });
