import { describe, expect, it } from 'vitest';
import { divideHalfEven, formatMoney, isCurrency, minorUnits, parseAmount, pscOf, toChf, toDecimalString } from './money.js';

describe('money in minor units', () => {
  it('takes each currency’s minor units from ISO 4217', () => {
    expect([minorUnits('CHF'), minorUnits('JPY'), minorUnits('KWD'), minorUnits('USD'), minorUnits('BHD'), minorUnits('KRW')]).toEqual([2, 0, 3, 2, 3, 0]);
    expect([isCurrency('KWD'), isCurrency('XYZ'), isCurrency('usd'), isCurrency('CHFF')]).toEqual([true, false, false, false]);
  });

  it('reads typed amounts exactly, refusing wrong precision, zero, negatives and anything not a plain decimal', () => {
    expect(parseAmount('1,250.5', 'JPY')).toEqual({ ok: false, error: 'precision' });
    expect(parseAmount('1,250.5', 'CHF')).toEqual({ ok: true, minor: 125_050n });
    expect(parseAmount('1250', 'JPY')).toEqual({ ok: true, minor: 1_250n });
    expect(parseAmount('1 200.00', 'JPY')).toEqual({ ok: true, minor: 1_200n });
    expect(parseAmount("1'250.125", 'KWD')).toEqual({ ok: true, minor: 1_250_125n });
    expect(parseAmount('1.2345', 'KWD')).toEqual({ ok: false, error: 'precision' });
    expect(parseAmount('0', 'CHF')).toEqual({ ok: false, error: 'not_positive' });
    expect(parseAmount('0.00', 'CHF')).toEqual({ ok: false, error: 'not_positive' });
    expect(parseAmount('-5', 'CHF')).toEqual({ ok: false, error: 'not_positive' });
    expect(parseAmount('−5', 'CHF')).toEqual({ ok: false, error: 'not_positive' });
    for (const text of ['12,50', '1e5', '', ' ', '1.2.3', '12,34,567', 'NaN', 'Infinity', '0x10', '5 CHF', '+5'])
      expect(parseAmount(text, 'CHF')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('.5', 'CHF')).toEqual({ ok: true, minor: 50n });
    // Beyond what a float holds exactly, and beyond a bigint column.
    expect(parseAmount('90071992547409.93', 'CHF')).toEqual({ ok: true, minor: 9_007_199_254_740_993n });
    expect(parseAmount('92233720368547758.08', 'CHF')).toEqual({ ok: false, error: 'too_large' });
  });

  it('writes minor units back as decimal strings and formats them in the reader’s locale without a float', () => {
    expect(toDecimalString(9_007_199_254_740_993n, 'CHF')).toBe('90071992547409.93');
    expect(toDecimalString(5n, 'KWD')).toBe('0.005');
    expect(toDecimalString(1200n, 'JPY')).toBe('1200');
    expect(toDecimalString(-5n, 'CHF')).toBe('-0.05');
    expect(formatMoney(9_007_199_254_740_993n, 'CHF', 'en')).toBe('CHF\u00a090,071,992,547,409.93');
    expect(formatMoney(1_250n, 'KWD', 'en')).toBe('KWD\u00a01.250');
  });

  it('converts to CHF and computes programme support costs half to even, exactly', () => {
    expect([divideHalfEven(5n, 2n), divideHalfEven(7n, 2n), divideHalfEven(6n, 4n), divideHalfEven(5n, 4n)]).toEqual([2n, 4n, 2n, 1n]);
    expect(toChf(100_000n, 'USD', '0.885')).toBe(88_500n);
    expect(toChf(1n, 'USD', '0.5')).toBe(0n); // 0.005 → 0.00
    expect(toChf(3n, 'USD', '0.5')).toBe(2n); // 0.015 → 0.02
    expect(toChf(1_250n, 'KWD', '2.9')).toBe(362n); // 3.625 → 3.62
    expect(toChf(1_000_000n, 'JPY', '0.005912345678')).toBe(591_235n); // 5912.345678 → 5912.35
    expect(toChf(123n, 'CHF', '1')).toBe(123n);
    expect(toChf(9_007_199_254_740_993n, 'USD', '1.000000000001')).toBe(9_007_199_254_750_000n);
    expect(pscOf(1_000_000n, '7')).toBe(70_000n);
    expect(pscOf(150n, '7')).toBe(10n); // 10.5 → 10
    expect(pscOf(250n, '7')).toBe(18n); // 17.5 → 18
    expect(pscOf(1_000n, '6.5')).toBe(65n);
    for (const bad of ['0', '101', '-7', '7%', '7.123', 'seven']) expect(pscOf(1_000n, bad)).toBeNull();
  });
});
