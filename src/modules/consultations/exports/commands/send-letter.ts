import type { Db } from '../../../../core/db/client.js';
import { recordAction } from '../../../../core/audit/record.js';
import { isLocale, type Locale } from '../../../../core/i18n/locales.js';
import { enqueueMail } from '../../../../core/mail/outbox.js';
import { type Actor, authorize } from '../../../../core/permissions/index.js';
import { getConsultation } from '../../queries.js';
import { letterSendings } from '../../tables.js';
import { letterContent, type Signer, unsubscribeUrl } from '../letter.js';
import { findLetterRecipients } from '../queries.js';
import { allocateLetterNumber } from './allocate-letter-number.js';

export type SendLetterResult = { ok: true; number: string; recipients: number } | { ok: false; error: 'draft' };

/**
 * Sends the consultation's circular letter: its number allocated if it has none, one e-mail per
 * member of the audience in their account's language through the outbox (each with its own
 * unsubscribe link), those who unsubscribed left out, the sending recorded and audited; all in
 * one transaction. A draft consultation is not announced.
 */
export const sendLetter = async (
  db: Db,
  { actor, consultationId, baseUrl, signer, now = new Date() }: { actor: Actor; consultationId: number; baseUrl: string; signer: Signer; now?: Date },
): Promise<SendLetterResult> => {
  authorize(actor, 'consultations.consultation.manage');
  return db.transaction(async (tx) => {
    const before = await getConsultation(tx, consultationId);
    if (before.status === 'draft') return { ok: false, error: 'draft' } as const;
    const number = (await allocateLetterNumber(tx, { consultationId, now })) as string;
    const consultation = { ...before, letterNumber: number };
    const recipients = await findLetterRecipients(tx, consultation);
    for (const r of recipients) {
      const locale: Locale = isLocale(r.locale) ? r.locale : 'en';
      const letter = letterContent({ consultation, locale, baseUrl });
      await enqueueMail(tx, {
        to: r.email,
        locale,
        compose: (t) => ({
          subject: letter.subject,
          paragraphs: [
            t('consultations.exports.letter.number', { number }),
            ...letter.paragraphs,
            t('consultations.exports.letter.unsubscribe', { url: unsubscribeUrl(baseUrl, locale, signer, r.email) }),
          ],
          action: { label: t('consultations.exports.letter.open'), url: letter.url },
        }),
      });
    }
    await tx.insert(letterSendings).values({ consultationId, recipients: recipients.length, sentBy: actor.id });
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.manage',
      subjectType: 'consultation',
      subjectId: consultationId,
      after: { letter: number, recipients: recipients.length },
    });
    return { ok: true, number, recipients: recipients.length } as const;
  });
};
