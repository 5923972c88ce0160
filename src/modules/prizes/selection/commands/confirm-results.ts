import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../../../../core/auth/tables.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { isLocale } from '../../../../core/i18n/locales.js';
import { enqueueMail } from '../../../../core/mail/outbox.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { editions, nominations, results } from '../../tables.js';
import { findRanking } from '../queries.js';

/** One winner and up to four champions per category (18 winners and 72 champions in all). */
export const CHAMPIONS_PER_CATEGORY = 4;

export type ConfirmResultsResult = { ok: true; winner: number; champions: number[] } | { ok: false; error: 'edition_not_found' | 'not_selection' | 'not_shortlisted' };

/**
 * A prize manager confirms the winner of a category (assumes 'prizes.result.confirm'), from the
 * start of the selection until the announcement: the winner is one of the shortlist; the others
 * of the shortlist, best average expert score first (then valid votes), are its champions, at
 * most four. Confirming again replaces the category's results. Audited; the submitters of the
 * winner and champions are e-mailed in their language.
 */
export const confirmResults = async (
  db: DbOrTx,
  {
    actor,
    year,
    category,
    nominationId,
    baseUrl,
    now = new Date(),
    ip,
  }: { actor: Actor; year: number; category: number; nominationId: number; baseUrl: string; now?: Date; ip?: string },
): Promise<ConfirmResultsResult> =>
  db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for('update');
    if (!edition) return { ok: false, error: 'edition_not_found' } as const;
    if (now.getTime() < edition.selectionStart.getTime() || now.getTime() >= edition.announcementStart.getTime()) return { ok: false, error: 'not_selection' } as const;
    const ranking = (await findRanking(tx, edition)).filter((r) => r.categoryNumber === category);
    if (!ranking.some((r) => r.nominationId === nominationId)) return { ok: false, error: 'not_shortlisted' } as const;
    const champions = ranking
      .filter((r) => r.nominationId !== nominationId)
      .slice(0, CHAMPIONS_PER_CATEGORY)
      .map((r) => r.nominationId);
    const before = await tx
      .delete(results)
      .where(and(eq(results.editionId, edition.id), eq(results.categoryNumber, category)))
      .returning({ nominationId: results.nominationId, rank: results.rank });
    await tx
      .insert(results)
      .values([
        { editionId: edition.id, categoryNumber: category, nominationId, rank: 'winner' as const, confirmedBy: actor.id, confirmedAt: now },
        ...champions.map((id) => ({ editionId: edition.id, categoryNumber: category, nominationId: id, rank: 'champion' as const, confirmedBy: actor.id, confirmedAt: now })),
      ]);
    await recordAction(tx, {
      actor,
      action: 'prizes.result.confirm',
      subjectType: 'prizes_edition',
      subjectId: edition.id,
      before: before.length ? { category, results: before } : undefined,
      after: { category, winner: nominationId, champions },
      ip,
    });
    const notified = await tx
      .select({ nominationId: nominations.id, email: users.email, name: users.name, locale: users.locale })
      .from(nominations)
      .innerJoin(users, eq(users.id, nominations.submitterId))
      .where(inArray(nominations.id, [nominationId, ...champions]));
    for (const user of notified) {
      const locale = isLocale(user.locale) ? user.locale : 'en';
      const rank = Number(user.nominationId) === nominationId ? 'winner' : 'champion';
      await enqueueMail(tx, {
        to: user.email,
        locale,
        compose: (t) => ({
          subject: t(`prizes.selection.mail_${rank}_subject`, { year }),
          paragraphs: [t('prizes.mail.greeting', { name: user.name }), t(`prizes.selection.mail_${rank}_body`, { year, category })],
          action: { label: t('prizes.selection.mail_action'), url: `${baseUrl}/${locale}/prizes/${year}/stories` },
        }),
      });
    }
    return { ok: true, winner: nominationId, champions } as const;
  });
