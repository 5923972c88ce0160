import { eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { isLocale, type Localized } from '../../../core/i18n/locales.js';
import { localizeWithLocale, type Translate } from '../../../core/i18n/translate.js';
import { enqueueMail, type MailContent } from '../../../core/mail/outbox.js';

export type DecisionMailKind = 'published' | 'returned' | 'rejected' | 'revision_accepted' | 'revision_returned' | 'revision_rejected';

const SUBJECTS: Record<DecisionMailKind, string> = {
  published: 'stocktaking.mail.published_subject',
  returned: 'stocktaking.mail.returned_subject',
  rejected: 'stocktaking.mail.rejected_subject',
  revision_accepted: 'stocktaking.mail.revision_accepted_subject',
  revision_returned: 'stocktaking.mail.revision_returned_subject',
  revision_rejected: 'stocktaking.mail.revision_rejected_subject',
};
const BODIES: Record<DecisionMailKind, string> = {
  published: 'stocktaking.mail.published_body',
  returned: 'stocktaking.mail.returned_body',
  rejected: 'stocktaking.mail.rejected_body',
  revision_accepted: 'stocktaking.mail.revision_accepted_body',
  revision_returned: 'stocktaking.mail.revision_returned_body',
  revision_rejected: 'stocktaking.mail.revision_rejected_body',
};

/** The notice of a moderator's decision, composed in the recipient's language. */
export const decisionMail =
  ({ kind, name, title, comment, url }: { kind: DecisionMailKind; name: string; title: string; comment: string | null; url: string }) =>
  (t: Translate): MailContent => ({
    subject: t(SUBJECTS[kind], { title }),
    paragraphs: [t('stocktaking.mail.greeting', { name }), t(BODIES[kind], { title }), ...(comment ? [t('stocktaking.mail.comment', { comment })] : [])],
    action: { label: t('stocktaking.mail.view_action'), url },
  });

/** Queues the decision notice to a user (the submitter or revision author), if they still exist. */
export const mailDecision = async (
  tx: DbOrTx,
  { userId, kind, title, comment, entryId, baseUrl }: { userId: number | null; kind: DecisionMailKind; title: Localized; comment: string | null; entryId: number; baseUrl: string },
) => {
  if (userId === null) return;
  const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  if (!user) return;
  const locale = isLocale(user.locale) ? user.locale : 'en';
  await enqueueMail(tx, {
    to: user.email,
    locale,
    compose: decisionMail({ kind, name: user.name, title: localizeWithLocale(title, locale).text, comment, url: `${baseUrl}/${locale}/stocktaking/${entryId}` }),
  });
};
