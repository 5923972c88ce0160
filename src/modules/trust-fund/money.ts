/**
 * Money of the Trust Fund, never a floating-point number: an amount is a BigInt of the currency's
 * minor unit (ISO 4217 exponent: CHF 2, JPY 0, KWD 3), a decimal string in forms and JSON, a
 * `bigint` in the database. No money library: the exponent comes from the ICU data of Node's Intl
 * (the ISO 4217 table), BigInt does the arithmetic, and this file parses and formats decimal strings itself.
 *
 * Rounding: half to even ("banker's rounding"), in conversions to CHF and in programme support
 * costs, so that rounding errors do not drift one way over many receipts.
 */

/** ISO 4217 codes Intl knows (Node's ICU list), for checking a typed code. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: string): boolean => /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);

/** The currency's minor-unit exponent from ISO 4217 (through ICU): CHF 2, JPY 0, KWD 3. */
export const minorUnits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' }).resolvedOptions().maximumFractionDigits ?? 2;

const POW10 = (n: number): bigint => 10n ** BigInt(n);

export type ParseAmountError = 'format' | 'precision' | 'not_positive' | 'too_large';
export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; error: ParseAmountError };

/** The largest amount a `bigint` column holds (minor units). */
export const MAX_MINOR = 9_223_372_036_854_775_807n;

/**
 * Reads an amount typed in a form or sent as a JSON string, in the currency's minor units:
 * digits with an optional decimal point and at most the currency's decimals; thousands may be
 * separated by commas in groups of three ("1,250.50"), spaces or apostrophes ("1'250.50"). A
 * sign, an exponent, a decimal comma or a fraction longer than the currency allows is refused
 * ("1,250.5" in JPY: `precision`); zero and negative amounts are refused (`not_positive`).
 */
export const parseAmount = (text: string, currency: string): ParsedAmount => {
  const typed = text
    .normalize('NFKC')
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '');
  if (/^[-−]/.test(typed)) return { ok: false, error: 'not_positive' };
  const match = /^(\d{1,3}(?:[,'’]\d{3})+|\d+)(?:\.(\d+))?$/.exec(typed) ?? /^()\.(\d+)$/.exec(typed);
  if (!match) return { ok: false, error: 'format' };
  const whole = (match[1] ?? '').replace(/[,'’]/g, '') || '0';
  const fraction = match[2] ?? '';
  const exponent = minorUnits(currency);
  // Trailing zeros beyond the currency's decimals say nothing more ("1200.00" yen is 1200): accepted.
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) return { ok: false, error: 'precision' };
  const minor = BigInt(`${whole}${significant.padEnd(exponent, '0')}`);
  if (minor <= 0n) return { ok: false, error: 'not_positive' };
  if (minor > MAX_MINOR) return { ok: false, error: 'too_large' };
  return { ok: true, minor };
};

/** Minor units as a plain decimal string with the currency's decimals ("1250.50"; JPY "1200"), for JSON and forms. */
export const toDecimalString = (minor: bigint, currency: string): string => decimalOf(minor, minorUnits(currency));

export const decimalOf = (minor: bigint, exponent: number): string => {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
};

/** An amount for a reader, in their locale (Intl formats the decimal string exactly, no float). */
export const formatMoney = (minor: bigint, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(toDecimalString(minor, currency) as unknown as number);

/** A positive decimal with its scale: 0.9123 is { digits: 9123n, scale: 4 }. */
export type Decimal = { digits: bigint; scale: number };

/**
 * Reads a positive decimal ("0.912345", "1", "7.5"): at most `maxInteger` integer digits and
 * `maxScale` decimals; null when it is anything else (sign, exponent, comma, zero).
 */
export const parseDecimal = (text: string, { maxScale = 12, maxInteger = 12 }: { maxScale?: number; maxInteger?: number } = {}): Decimal | null => {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (!match[1] && !match[2])) return null;
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (whole.length > maxInteger || fraction.length > maxScale) return null;
  const digits = BigInt(`${whole || '0'}${fraction}`);
  if (digits === 0n) return null;
  return { digits, scale: fraction.length };
};

/** numerator / denominator rounded half to even (both positive or numerator zero). */
export const divideHalfEven = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * remainder;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
};

/** The CHF exponent (centimes). */
export const CHF_UNITS = 2;

/**
 * An amount in CHF minor units: `minor` units of `currency` × `chfPerUnit` (CHF for one unit of the
 * currency, as stored, e.g. "0.912345678901"), rounded half to even to the centime, exactly.
 */
export const toChf = (minor: bigint, currency: string, chfPerUnit: string): bigint => {
  if (currency === 'CHF') return minor;
  const rate = parseDecimal(chfPerUnit, { maxScale: 12, maxInteger: 12 });
  if (!rate) throw new Error(`not a rate: ${chfPerUnit}`);
  // minor / 10^e units × digits / 10^scale CHF/unit × 10^2 centimes/CHF
  return divideHalfEven(minor * rate.digits * POW10(CHF_UNITS), POW10(minorUnits(currency)) * POW10(rate.scale));
};

/**
 * Programme support costs: `percent` (a typed rate such as "7" or "6.5", at most two decimals,
 * above 0 and at most 100) of a CHF amount, rounded half to even to the centime; null when the
 * rate is not one.
 */
export const pscOf = (chfMinor: bigint, percent: string): bigint | null => {
  const rate = parseDecimal(percent, { maxScale: 2, maxInteger: 3 });
  if (!rate || rate.digits > 100n * POW10(rate.scale)) return null;
  return divideHalfEven(chfMinor * rate.digits, 100n * POW10(rate.scale));
};
