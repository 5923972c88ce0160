import type { DbOrTx } from '../../../../core/db/client.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { getConsultation } from '../../queries.js';
import { syntheses } from '../../tables.js';
import { buildSynthesisInEveryLanguage } from '../synthesis.js';

export type FreezeSynthesisResult = { ok: true; frozenAt: Date } | { ok: false; error: 'not_closed' | 'already_frozen' };

/**
 * Freezes the synthesis as final: its data in the six languages is stored as built now, and the
 * pages show that copy from then on (a later answer or coding does not move the figures). Only
 * once the consultation is closed, and once. Assumes consultations.consultation.analyse was checked.
 */
export const freezeSynthesis = async (db: DbOrTx, { actor, consultationId, ip }: { actor: Actor; consultationId: number; ip?: string }): Promise<FreezeSynthesisResult> =>
  db.transaction(async (tx) => {
    const consultation = await getConsultation(tx, consultationId);
    if (consultation.status !== 'closed' && consultation.status !== 'published') return { ok: false, error: 'not_closed' };
    const data = await buildSynthesisInEveryLanguage(tx, consultationId);
    // The primary key makes a second freeze (two analysts at once) a no-op rather than an overwrite.
    const [row] = await tx.insert(syntheses).values({ consultationId, data, frozenBy: actor.id }).onConflictDoNothing().returning({ frozenAt: syntheses.frozenAt });
    if (!row) return { ok: false, error: 'already_frozen' };
    await recordAction(tx, { actor, action: 'consultations.consultation.analyse', subjectType: 'consultations.synthesis', subjectId: consultationId, after: { frozen: true }, ip });
    return { ok: true, frozenAt: row.frozenAt };
  });
