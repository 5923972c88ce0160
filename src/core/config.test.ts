import { describe, expect, it } from 'vitest';
import { loadConfig, parseWorkers } from './config.js';

describe('--workers / WSIS_WORKERS', () => {
  it('reads a whole number from 1 to 64, auto as the processors (at most 64), and 1 when unset', () => {
    expect(parseWorkers(undefined)).toBe(1);
    expect(parseWorkers('')).toBe(1);
    expect(parseWorkers('3')).toBe(3);
    expect(parseWorkers(' 64 ')).toBe(64);
    expect(parseWorkers('auto', 8)).toBe(8);
    expect(parseWorkers('auto', 128)).toBe(64);
    expect(loadConfig({}, { WSIS_WORKERS: '2' }).workers).toBe(2);
  });

  it('marks anything else as not valid (wsis serve refuses it)', () => {
    for (const value of ['0', '65', '-1', '1.5', '2x', 'many', '0x2']) expect(parseWorkers(value), value).toBeNaN();
  });
});
