import { describe, expect, it } from 'vitest';
import { loadConfig, openDataIdProblem, parseWorkers } from './config.js';

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

describe('the open data identifiers (WSIS_IATI_REPORTING_ORG, WSIS_ATOM_ID_PREFIX)', () => {
  it('are ITU’s unless set, and accepted as set when they are identifiers', () => {
    const defaults = loadConfig({}, {});
    expect(defaults.iatiReportingOrg).toBe('XM-DAC-41303');
    expect(defaults.atomIdPrefix).toBe('tag:itu.int,2025:wsis-platform');
    expect(openDataIdProblem(defaults)).toBeNull();
    const set = loadConfig({}, { WSIS_IATI_REPORTING_ORG: ' XI-IATI-WSIS ', WSIS_ATOM_ID_PREFIX: 'urn:example:wsis' });
    expect(set.iatiReportingOrg).toBe('XI-IATI-WSIS');
    expect(openDataIdProblem(set)).toBeNull();
  });

  it('refuses what IATI or Atom readers could not use, saying which variable (wsis serve stops)', () => {
    for (const ref of ['ITU', 'XM DAC 41303', 'XM-DAC-41303/1', 'xm-dac-41303']) {
      expect(openDataIdProblem({ iatiReportingOrg: ref, atomIdPrefix: 'tag:itu.int,2025:x' }), ref).toMatch(/^WSIS_IATI_REPORTING_ORG/);
    }
    for (const prefix of ['wsis', 'tag:itu.int:x', 'https://']) {
      expect(openDataIdProblem({ iatiReportingOrg: 'XM-DAC-41303', atomIdPrefix: `${prefix} x` }), prefix).toMatch(/^WSIS_ATOM_ID_PREFIX/);
    }
  });
});
