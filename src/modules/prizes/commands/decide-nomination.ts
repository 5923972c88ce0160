import { eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { isLocale } from '../../../core/i18n/locales.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { NominationDecisionInput } from '../inputs.js';
import { editions, nominations } from '../tables.js';

export type DecideNominationResult =
  | { ok: true; id: number; state: 'accepted' | 'returned' | 'rejected' }
  | { ok: false; error: 'not_found' | 'voting_started' | 'reason_required' | 'invalid_state' };

const NEXT = { accept: 'accepted', return: 'returned', reject: 'rejected' } as const;

/**
 * A prize manager's decision on a nomination (assumes 'prizes.nomination.decide'), any time from
 * its submission until voting opens: accept (it becomes a nominee), return for fixes or reject,
 * the last two with a reason. The submitter is e-mailed in their language.
 */
export const decideNomination = async (
  db: DbOrTx,
  { actor, id, input, baseUrl, now = new Date(), ip }: { actor: Actor; id: number; input: NominationDecisionInput; baseUrl: string; now?: Date; ip?: string },
): Promise<DecideNominationResult> =>
  db.transaction(async (tx) => {
    const [row] = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
    if (!row) return { ok: false, error: 'not_found' } as const;
    const [edition] = await tx.select().from(editions).where(eq(editions.id, row.editionId));
    if (!edition) return { ok: false, error: 'not_found' } as const;
    if (now.getTime() >= edition.votingStart.getTime()) return { ok: false, error: 'voting_started' } as const;
    if (row.state === 'withdrawn') return { ok: false, error: 'invalid_state' } as const;
    const reason = input.reason?.trim() || null;
    if (input.decision !== 'accept' && !reason) return { ok: false, error: 'reason_required' } as const;
    const state = NEXT[input.decision];
    await tx.update(nominations).set({ state, reason, decidedBy: actor.id, decidedAt: now, updatedAt: now }).where(eq(nominations.id, id));
    await recordAction(tx, {
      actor,
      action: 'prizes.nomination.decide',
      subjectType: 'prizes_nomination',
      subjectId: id,
      before: { state: row.state },
      after: { state, reason },
      ip,
    });
    if (row.submitterId !== null) {
      const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, row.submitterId));
      if (user) {
        const locale = isLocale(user.locale) ? user.locale : 'en';
        await enqueueMail(tx, {
          to: user.email,
          locale,
          compose: (t) => ({
            subject: t(`prizes.mail.${state}_subject`, { year: edition.year }),
            paragraphs: [
              t('prizes.mail.greeting', { name: user.name }),
              t(`prizes.mail.${state}_body`, { year: edition.year, category: row.categoryNumber }),
              ...(reason ? [t('prizes.mail.reason', { reason })] : []),
            ],
            action: { label: t('prizes.mail.view_action'), url: `${baseUrl}/${locale}/prizes/${edition.year}` },
          }),
        });
      }
    }
    return { ok: true, id, state } as const;
  });
