/**
 * IATI Activity Standard 2.03 export (https://iatistandard.org/en/iati-standard/203/): one
 * iati-activity per entry, elements in the order the schema requires, valid against the official
 * schema and IATI's rules (tested with both, see iati.test.ts). WSIS action lines are sectors twice:
 * OECD DAC purpose codes (vocabulary 1, dac-sectors.ts) and the WSIS codes themselves (vocabulary
 * 99, explained on the data page); SDGs and SDG targets are tags (vocabularies 2 and 3).
 */
import { Readable } from 'node:stream';
import { DEFAULT_IATI_REPORTING_ORG } from '../../../core/config.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { countryName } from '../../reference/queries.js';
import { type ExportLabels, entryUrl } from './columns.js';
import { dacSectorsOf } from './dac-sectors.js';
import type { ExportEntry } from './queries.js';
import { xml } from './xml.js';

/** ITU as the reporting organisation; its identifier comes from the configuration (WSIS_IATI_REPORTING_ORG). */
export const IATI_REPORTING_ORG = { type: '40', name: 'International Telecommunication Union (ITU)' } as const;

/** The note on a start date that the entry does not give, in the six languages. */
const START_NOT_REPORTED = Object.fromEntries(LOCALES.map((l) => [l, translator(l)('stocktaking.exports.iati_start_not_reported')]));

/** YYYY-MM-DD of a moment (UTC). */
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The activity dates IATI requires, none contradicting another or the calendar: the start as
 * planned (1) until the activity has begun and as actual (2) after, never an actual date in the
 * future; the end as actual (4) only once completed and past, else as planned (3). An entry
 * without a start date gets the day it was published (not after its end), said so in a note.
 */
export const activityDates = (e: Pick<ExportEntry, 'projectStatus' | 'startDate' | 'endDate' | 'publishedAt' | 'createdAt'>, today: string) => {
  const dates: { type: '1' | '2' | '3' | '4'; date: string; reported: boolean }[] = [];
  const begun = e.projectStatus !== 'planned';
  if (e.startDate) dates.push({ type: begun && e.startDate <= today ? '2' : '1', date: e.startDate, reported: true });
  else {
    const published = day(e.publishedAt ?? e.createdAt);
    const date = e.endDate && e.endDate < published ? e.endDate : published;
    dates.push({ type: begun && date <= today ? '2' : '1', date, reported: false });
  }
  if (e.endDate) dates.push({ type: e.projectStatus === 'completed' && e.endDate <= today ? '4' : '3', date: e.endDate, reported: true });
  return dates;
};

/** IATI OrganisationType per stakeholder type. */
const ORGANISATION_TYPE: Record<string, string> = {
  government: '10',
  'private-sector': '70',
  'civil-society': '22',
  'international-organization': '40',
  academia: '80',
  other: '90',
};
/** IATI ActivityStatus: planned → 1 Pipeline/identification, ongoing → 2 Implementation, completed → 3 Finalisation. */
const ACTIVITY_STATUS: Record<string, string> = { planned: '1', ongoing: '2', completed: '3' };
/** IATI ActivityScope: national 4, regional 2, international 1 (global). */
const ACTIVITY_SCOPE: Record<string, string> = { national: '4', regional: '2', international: '1' };

/** Shares of 100 for n items (two decimals), summing exactly to 100 as IATI requires. */
const shares = (n: number): string[] => {
  if (n <= 1) return n === 1 ? ['100'] : [];
  const each = Math.floor(10_000 / n) / 100;
  const last = Math.round((100 - each * (n - 1)) * 100) / 100;
  return [...Array.from({ length: n - 1 }, () => String(each)), String(last)];
};

const narratives = (value: Partial<Record<string, string>>, indent: string) =>
  LOCALES.filter((l) => value[l])
    .map((l) => `${indent}<narrative xml:lang="${l}">${xml(value[l] as string)}</narrative>`)
    .join('\n');

const narrative = (text: string, locale: string, indent: string) => `${indent}<narrative xml:lang="${locale}">${xml(text)}</narrative>`;

/** One entry as an iati-activity element. */
export const iatiActivity = (e: ExportEntry, labels: ExportLabels, now = new Date()): string => {
  const { locale } = labels;
  const reportingOrg = labels.iatiReportingOrg ?? DEFAULT_IATI_REPORTING_ORG;
  const lines: string[] = [];
  const lastUpdated = (e.updatedAt ?? e.publishedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  lines.push(`  <iati-activity last-updated-datetime="${lastUpdated}" xml:lang="${e.originalLanguage}" default-currency="USD">`);
  lines.push(`    <iati-identifier>${xml(`${reportingOrg}-WSIS-${e.id}`)}</iati-identifier>`);
  lines.push(`    <reporting-org ref="${xml(reportingOrg)}" type="${IATI_REPORTING_ORG.type}">`, narrative(IATI_REPORTING_ORG.name, 'en', '      '), '    </reporting-org>');
  lines.push('    <title>', narratives(e.title, '      '), '    </title>');
  lines.push('    <description type="1">', narratives(e.summary, '      '), '    </description>');
  if (Object.values(e.description).some(Boolean)) lines.push('    <description type="4">', narratives(e.description, '      '), '    </description>');
  const implementer = (e.organizationId ? labels.organizations.get(e.organizationId) : undefined) ?? labels.t(`accounts.stakeholder_types.${e.stakeholderType}`);
  lines.push(`    <participating-org role="4" type="${ORGANISATION_TYPE[e.stakeholderType] ?? '90'}">`, narrative(implementer, locale, '      '), '    </participating-org>');
  lines.push(`    <activity-status code="${ACTIVITY_STATUS[e.projectStatus] ?? '2'}"/>`);
  for (const { type, date, reported } of activityDates(e, day(now))) {
    lines.push(
      reported
        ? `    <activity-date type="${type}" iso-date="${xml(date)}"/>`
        : [`    <activity-date type="${type}" iso-date="${xml(date)}">`, narratives(START_NOT_REPORTED, '      '), '    </activity-date>'].join('\n'),
    );
  }
  lines.push(`    <activity-scope code="${ACTIVITY_SCOPE[e.scope] ?? '4'}"/>`);
  const countries = e.countries.length > 0 ? e.countries : [e.leadCountry];
  const countryShares = shares(countries.length);
  countries.forEach((c, i) => {
    const percentage = countries.length > 1 ? ` percentage="${countryShares[i]}"` : '';
    lines.push(`    <recipient-country code="${xml(c)}"${percentage}>`, narrative(countryName(c, locale), locale, '      '), '    </recipient-country>');
  });
  const dac = dacSectorsOf(e.actionLines);
  const dacShares = shares(dac.length);
  dac.forEach((code, i) => {
    lines.push(`    <sector vocabulary="1" code="${code}"${dac.length > 1 ? ` percentage="${dacShares[i]}"` : ''}/>`);
  });
  const sectorShares = shares(e.actionLines.length);
  e.actionLines.forEach((code, i) => {
    const percentage = e.actionLines.length > 1 ? ` percentage="${sectorShares[i]}"` : '';
    lines.push(
      `    <sector vocabulary="99" vocabulary-uri="${xml(`${labels.baseUrl}/${locale}/stocktaking/data#action-lines`)}" code="${xml(code)}"${percentage}>`,
      narratives(labels.actionLines.get(code) ?? { en: code }, '      '),
      '    </sector>',
    );
  });
  for (const goal of e.sdgs) lines.push(`    <tag vocabulary="2" code="${goal}">`, narratives(labels.sdgs.get(goal) ?? { en: String(goal) }, '      '), '    </tag>');
  for (const target of e.sdgTargets) {
    const name = labels.sdgTargets.get(target);
    lines.push(name ? [`    <tag vocabulary="3" code="${xml(target)}">`, narratives(name, '      '), '    </tag>'].join('\n') : `    <tag vocabulary="3" code="${xml(target)}"/>`);
  }
  lines.push(
    `    <document-link format="text/html" url="${xml(entryUrl(labels, e.id))}">`,
    '      <title>',
    narratives(e.title, '        '),
    '      </title>',
    '      <category code="A12"/>',
    '    </document-link>',
  );
  lines.push('  </iati-activity>\n');
  return lines.filter((l) => l !== '').join('\n');
};

/** The iati-activities document as a stream, batch by batch. */
export const iatiStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels, now = new Date()): Readable =>
  Readable.from(
    (async function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}">\n`;
      // Bytes, entry by entry: see csvStream (a string chunk was measured, then encoded, by the socket).
      for await (const batch of batches) yield Buffer.concat(batch.map((e) => Buffer.from(iatiActivity(e, labels, now))));
      yield '</iati-activities>\n';
    })(),
    // One batch waiting at most: memory stays flat when the client reads slowly.
    { highWaterMark: 1 },
  );
