/**
 * The circular letter announcing a consultation, in the recipient's language: its number, title,
 * purpose, the open and close date-times in UTC (named as such), and the link. Pure: the page and
 * the e-mails both build it from here. The unsubscribe token is the address signed with the
 * server's secret (the routes give the signer), so a link cannot be forged for someone else.
 */
import type { Locale } from '../../../core/i18n/locales.js';
import { formatters, localizer, translator } from '../../../core/i18n/translate.js';
import type { Consultation } from '../queries.js';

export type LetterContent = { number: string | null; subject: string; title: string; paragraphs: string[]; url: string };

/** The consultation's page, where the letter's reader answers. */
export const consultationUrl = (baseUrl: string, locale: Locale, id: number) => `${baseUrl}/${locale}/consultations/${id}`;

export const letterContent = ({
  consultation: c,
  locale,
  baseUrl,
}: {
  consultation: Pick<Consultation, 'id' | 'title' | 'purpose' | 'opensAt' | 'closesAt' | 'letterNumber'>;
  locale: Locale;
  baseUrl: string;
}): LetterContent => {
  const t = translator(locale);
  const localize = localizer(locale);
  const fmt = formatters(locale);
  const title = localize(c.title);
  const url = consultationUrl(baseUrl, locale, c.id);
  const purpose = localize(c.purpose)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    number: c.letterNumber,
    title,
    url,
    subject: c.letterNumber ? t('consultations.exports.letter.subject', { number: c.letterNumber, title }) : title,
    paragraphs: [
      t('consultations.exports.letter.salutation'),
      t('consultations.exports.letter.intro', { title }),
      ...purpose,
      t('consultations.exports.letter.dates', { opens: fmt.dateTime(c.opensAt), closes: fmt.dateTime(c.closesAt) }),
      t('consultations.exports.letter.how', { url }),
      t('consultations.exports.letter.closing'),
    ],
  };
};

export type Signer = { sign: (value: string) => string; unsign: (token: string) => { valid: boolean; value: string | null } };

/** The token of an unsubscribe link: the address (lower case, base64url) and its signature. */
export const unsubscribeToken = (signer: Signer, email: string) => signer.sign(Buffer.from(email.trim().toLowerCase(), 'utf8').toString('base64url'));

/** The address of a token, or null when the token was not signed by this server. */
export const emailOfToken = (signer: Signer, token: string): string | null => {
  if (typeof token !== 'string' || token.length === 0 || token.length > 1000) return null;
  const { valid, value } = signer.unsign(token);
  if (!valid || !value) return null;
  const email = Buffer.from(value, 'base64url').toString('utf8');
  return email.includes('@') ? email : null;
};

export const unsubscribeUrl = (baseUrl: string, locale: Locale, signer: Signer, email: string) =>
  `${baseUrl}/${locale}/consultations/unsubscribe?token=${encodeURIComponent(unsubscribeToken(signer, email))}`;
