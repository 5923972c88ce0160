/**
 * The IATI organisation file of the WSIS Trust Fund (IATI Organisation Standard 2.03): the
 * reporting organisation (ITU, config.iatiReportingOrg), the fund's name in six languages, and for
 * each calendar year with movements its total expenditure (CHF, from the ledger) broken down into
 * expenditures on roadmap tasks and programme support costs. Amounts are exact decimals written
 * from BigInt. Validated in tests against the official schema (test/vendor/iati).
 */
import { xmlText } from '../../../core/exports/xlsx.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { decimalOf } from './money.js';

export const IATI_ORGANISATION_TYPE = '40';

export type YearTotals = { year: number; receipts: bigint; expenditures: bigint; psc: bigint };

const narratives = (key: string, indent: string) =>
  LOCALES.map((l) => `${indent}<narrative${l === 'en' ? '' : ` xml:lang="${l}"`}>${xmlText(translator(l)(key))}</narrative>`).join('\n');

export const buildIatiOrganisation = ({ reportingOrg, years, now, today }: { reportingOrg: string; years: YearTotals[]; now: Date; today: string }) => {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-organisations version="2.03" generated-datetime="${stamp}">`,
    `  <iati-organisation last-updated-datetime="${stamp}" xml:lang="en" default-currency="CHF">`,
    `    <organisation-identifier>${xmlText(reportingOrg)}</organisation-identifier>`,
    '    <name>',
    narratives('trust-fund.transparency.iati_name', '      '),
    '    </name>',
    `    <reporting-org ref="${xmlText(reportingOrg)}" type="${IATI_ORGANISATION_TYPE}">`,
    narratives('trust-fund.transparency.iati_reporting_org', '      '),
    '    </reporting-org>',
  ];
  for (const y of years) {
    const total = y.expenditures + y.psc;
    if (total === 0n || `${y.year}-01-01` > today) continue;
    const end = `${y.year}-12-31` < today ? `${y.year}-12-31` : today;
    lines.push(
      '    <total-expenditure>',
      `      <period-start iso-date="${y.year}-01-01"/>`,
      `      <period-end iso-date="${end}"/>`,
      `      <value value-date="${end}">${decimalOf(total)}</value>`,
      '      <expense-line ref="tasks">',
      `        <value value-date="${end}">${decimalOf(y.expenditures)}</value>`,
      narratives('trust-fund.transparency.iati_expense_tasks', '        '),
      '      </expense-line>',
      '      <expense-line ref="psc">',
      `        <value value-date="${end}">${decimalOf(y.psc)}</value>`,
      narratives('trust-fund.transparency.iati_expense_psc', '        '),
      '      </expense-line>',
      '    </total-expenditure>',
    );
  }
  lines.push('  </iati-organisation>', '</iati-organisations>', '');
  return lines.join('\n');
};
