/**
 * Money of the public pages: CHF minor units (BigInt) as exact decimal strings, formatted by Intl
 * from those strings (Intl.NumberFormat formats a decimal string exactly, without a float), (bar lengths
 * come from BigInt ratios: core/views/charts.tsx, scaledLength).
 */
import type { Locale } from '../../../core/i18n/locales.js';

/** Minor units of the fund's currency (CHF: 2). */
export const CHF_DIGITS = 2;

/** 1250n → "12.50", -5n → "-0.05" (the decimal string of JSON, CSV, XLSX and Intl). */
export const decimalOf = (minor: bigint, digits = CHF_DIGITS): `${number}` => {
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const text = digits > 0 ? `${whole}.${abs.slice(abs.length - digits)}` : whole;
  return (negative ? `-${text}` : text) as `${number}`;
};

const formats = new Map<string, Intl.NumberFormat>();
const formatOf = (locale: Locale, style: 'currency' | 'decimal') => {
  const key = `${locale}:${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, style === 'currency' ? { style: 'currency', currency: 'CHF' } : { minimumFractionDigits: CHF_DIGITS, maximumFractionDigits: CHF_DIGITS });
    formats.set(key, f);
  }
  return f;
};

/** CHF minor units in the reader's language and digits: "CHF 1,234.50", "‏1,234.50 CHF". */
export const formatChf = (minor: bigint, locale: Locale) => formatOf(locale, 'currency').format(decimalOf(minor));
