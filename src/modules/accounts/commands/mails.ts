import type { MailContent } from '../../../core/mail/outbox.js';
import type { Translate } from '../../../core/i18n/translate.js';

/** The e-mails of the accounts module; each is composed in the recipient's language. */
export const verificationMail =
  ({ name, url }: { name: string; url: string }) =>
  (t: Translate): MailContent => ({
    subject: t('accounts.mail.verify_subject'),
    paragraphs: [t('accounts.mail.greeting', { name }), t('accounts.mail.verify_body')],
    action: { label: t('accounts.mail.verify_action'), url },
  });

export const resetPasswordMail =
  ({ name, url }: { name: string; url: string }) =>
  (t: Translate): MailContent => ({
    subject: t('accounts.mail.reset_subject'),
    paragraphs: [t('accounts.mail.greeting', { name }), t('accounts.mail.reset_body')],
    action: { label: t('accounts.mail.reset_action'), url },
  });

export const changeEmailMail =
  ({ name, url }: { name: string; url: string }) =>
  (t: Translate): MailContent => ({
    subject: t('accounts.mail.change_email_subject'),
    paragraphs: [t('accounts.mail.greeting', { name }), t('accounts.mail.change_email_body')],
    action: { label: t('accounts.mail.change_email_action'), url },
  });

export const passwordChangedMail =
  ({ name }: { name: string }) =>
  (t: Translate): MailContent => ({
    subject: t('accounts.mail.password_changed_subject'),
    paragraphs: [t('accounts.mail.greeting', { name }), t('accounts.mail.password_changed_body')],
  });

/** To the owner of an address someone tried to register again: sign in, or reset the password. */
export const registrationAttemptMail =
  ({ name, signInUrl, resetUrl }: { name: string; signInUrl: string; resetUrl: string }) =>
  (t: Translate): MailContent => ({
    subject: t('accounts.mail.registration_attempt_subject'),
    paragraphs: [t('accounts.mail.greeting', { name }), t('accounts.mail.registration_attempt_body'), t('accounts.mail.registration_attempt_reset', { url: resetUrl })],
    action: { label: t('accounts.mail.registration_attempt_action'), url: signInUrl },
  });
