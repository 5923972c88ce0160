/**
 * IATI Activity Standard 2.03 export (https://iatistandard.org/en/iati-standard/203/): one
 * iati-activity per entry, elements in the order the schema requires. WSIS action lines are
 * sectors of the reporting organisation's own vocabulary (99, explained on the data page); SDGs
 * and SDG targets are tags (vocabularies 2 and 3).
 */
import { Readable } from 'node:stream';
import { LOCALES } from '../../../core/i18n/locales.js';
import { countryName } from '../../reference/queries.js';
import { type ExportLabels, entryUrl } from './columns.js';
import type { ExportEntry } from './queries.js';
import { xml } from './xml.js';

/**
 * ITU as the reporting organisation. NOTE: the identifier is a placeholder until the secretariat
 * confirms ITU's IATI organisation identifier (IATI registry); change it here and only here.
 */
export const IATI_REPORTING_ORG = { ref: 'XI-IATI-ITU', type: '40', name: 'International Telecommunication Union (ITU)' } as const;

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
export const iatiActivity = (e: ExportEntry, labels: ExportLabels): string => {
  const { locale } = labels;
  const lines: string[] = [];
  const lastUpdated = (e.updatedAt ?? e.publishedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  lines.push(`  <iati-activity last-updated-datetime="${lastUpdated}" xml:lang="${e.originalLanguage}" default-currency="USD">`);
  lines.push(`    <iati-identifier>${xml(`${IATI_REPORTING_ORG.ref}-WSIS-${e.id}`)}</iati-identifier>`);
  lines.push(`    <reporting-org ref="${IATI_REPORTING_ORG.ref}" type="${IATI_REPORTING_ORG.type}">`, narrative(IATI_REPORTING_ORG.name, 'en', '      '), '    </reporting-org>');
  lines.push('    <title>', narratives(e.title, '      '), '    </title>');
  lines.push('    <description type="1">', narratives(e.summary, '      '), '    </description>');
  if (Object.values(e.description).some(Boolean)) lines.push('    <description type="4">', narratives(e.description, '      '), '    </description>');
  const implementer = (e.organizationId ? labels.organizations.get(e.organizationId) : undefined) ?? labels.t(`accounts.stakeholder_types.${e.stakeholderType}`);
  lines.push(`    <participating-org role="4" type="${ORGANISATION_TYPE[e.stakeholderType] ?? '90'}">`, narrative(implementer, locale, '      '), '    </participating-org>');
  lines.push(`    <activity-status code="${ACTIVITY_STATUS[e.projectStatus] ?? '2'}"/>`);
  // Planned start/end (1, 3) until the activity has begun; actual start (2) after; actual end (4) once completed.
  if (e.startDate) lines.push(`    <activity-date type="${e.projectStatus === 'planned' ? '1' : '2'}" iso-date="${xml(e.startDate)}"/>`);
  if (e.endDate) lines.push(`    <activity-date type="${e.projectStatus === 'completed' ? '4' : '3'}" iso-date="${xml(e.endDate)}"/>`);
  lines.push(`    <activity-scope code="${ACTIVITY_SCOPE[e.scope] ?? '4'}"/>`);
  const countries = e.countries.length > 0 ? e.countries : [e.leadCountry];
  const countryShares = shares(countries.length);
  countries.forEach((c, i) => {
    const percentage = countries.length > 1 ? ` percentage="${countryShares[i]}"` : '';
    lines.push(`    <recipient-country code="${xml(c)}"${percentage}>`, narrative(countryName(c, locale), locale, '      '), '    </recipient-country>');
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
      for await (const batch of batches) yield batch.map((e) => iatiActivity(e, labels)).join('');
      yield '</iati-activities>\n';
    })(),
    // One batch waiting at most: memory stays flat when the client reads slowly.
    { highWaterMark: 1 },
  );
