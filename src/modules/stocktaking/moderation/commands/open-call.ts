import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { isLocale, type Localized } from '../../../../core/i18n/locales.js';
import { localizeWithLocale } from '../../../../core/i18n/translate.js';
import { enqueueMail } from '../../../../core/mail/outbox.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { addEvent } from '../../commands/entry-content.js';
import { calls } from '../../tables.js';
import { findStaleEntries } from '../queries.js';

export type OpenCallResult = { ok: true; id: number; ownersNotified: number; entriesConcerned: number } | { ok: false; error: 'closes_before_opens' | 'closed_in_past' };

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Titles listed in one e-mail; the rest are on the owner's "my entries" page. */
const LISTED_TITLES = 10;

/**
 * Opens the yearly call for new and updated entries (assumes 'stocktaking.entry.moderate'):
 * records it, and e-mails every owner of a published entry not updated for a year, once, in
 * their language, listing those entries. A call that opens later has its e-mails held until
 * the opening day (outbox next_attempt_at).
 */
export const openCall = async (
  db: DbOrTx,
  { actor, opensOn, closesOn, baseUrl, now = new Date(), ip }: { actor: Actor; opensOn: string; closesOn: string; baseUrl: string; now?: Date; ip?: string },
): Promise<OpenCallResult> =>
  db.transaction(async (tx) => {
    if (closesOn < opensOn) return { ok: false, error: 'closes_before_opens' } as const;
    if (closesOn < now.toISOString().slice(0, 10)) return { ok: false, error: 'closed_in_past' } as const;
    const opening = new Date(`${opensOn}T00:00:00Z`);
    const stale = await findStaleEntries(tx, new Date(Math.max(opening.getTime(), now.getTime()) - YEAR_MS));
    const byOwner = new Map<number, { email: string; name: string; locale: string; entries: { id: number; title: Localized }[] }>();
    for (const row of stale) {
      if (row.submitterId === null) continue;
      const owner = byOwner.get(row.submitterId) ?? { email: row.email, name: row.name, locale: row.locale, entries: [] };
      owner.entries.push({ id: row.id, title: row.title });
      byOwner.set(row.submitterId, owner);
    }
    const [call] = await tx
      .insert(calls)
      .values({ opensOn, closesOn, openedBy: actor.id, ownersNotified: byOwner.size, entriesConcerned: stale.length })
      .returning({ id: calls.id });
    if (!call) throw new Error('insert failed');
    for (const owner of byOwner.values()) {
      const locale = isLocale(owner.locale) ? owner.locale : 'en';
      const titles = owner.entries.slice(0, LISTED_TITLES).map((e) => `• ${localizeWithLocale(e.title, locale).text}`);
      await enqueueMail(tx, {
        to: owner.email,
        locale,
        notBefore: opening > now ? opening : undefined,
        compose: (t) => ({
          subject: t('stocktaking.moderation.call_mail_subject'),
          paragraphs: [
            t('stocktaking.mail.greeting', { name: owner.name }),
            t('stocktaking.moderation.call_mail_body', {
              count: owner.entries.length,
              closes: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${closesOn}T00:00:00Z`)),
            }),
            titles.join('\n'),
            ...(owner.entries.length > LISTED_TITLES ? [t('stocktaking.moderation.call_mail_more', { count: owner.entries.length - LISTED_TITLES })] : []),
          ],
          action: { label: t('stocktaking.moderation.call_mail_action'), url: `${baseUrl}/${locale}/stocktaking/mine` },
        }),
      });
      for (const entry of owner.entries) await addEvent(tx, { entryId: entry.id, actor, kind: 'update-requested' });
    }
    await recordAction(tx, {
      actor,
      action: 'stocktaking.call.open',
      subjectType: 'stocktaking_call',
      subjectId: call.id,
      after: { opensOn, closesOn, ownersNotified: byOwner.size, entriesConcerned: stale.length },
      ip,
    });
    return { ok: true, id: call.id, ownersNotified: byOwner.size, entriesConcerned: stale.length } as const;
  });
