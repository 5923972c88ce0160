/**
 * The task list as CSV and XLSX: the same columns, the title in the reader's language (else the
 * first it exists in), the reported status and the computed light as codes and as words. CSV:
 * UTF-8 with a BOM, RFC 4180 quoting, formulas neutralized; XLSX through core/exports/xlsx.ts
 * (dates as date cells, right to left in Arabic).
 */
import { csvLine } from '../../../core/exports/csv.js';
import { Readable } from 'node:stream';
import { xlsxSheetStream, type SheetCell } from '../../../core/exports/xlsx.js';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import type { TaskRow } from './queries.js';
import { trafficLight } from './rules.js';

export const COLUMN_NAMES = [
  'id',
  'action_line',
  'title',
  'owner_bureau',
  'owner',
  'starts_on',
  'deadline',
  'status',
  'light',
  'light_label',
  'last_update_at',
  'sdg_targets',
  'connect_targets',
  'url',
];
const DATE_FORMATS = COLUMN_NAMES.map((c) => (c === 'starts_on' || c === 'deadline' ? 'yyyy-mm-dd' : c === 'last_update_at' ? 'yyyy-mm-dd hh:mm' : undefined));

export type ExportLabels = { locale: Locale; light: (light: string) => string; now: Date; baseUrl: string };

const textIn = (value: Localized, locale: Locale) => value[locale] || LOCALES.map((l) => value[l]).find(Boolean) || '';

const rowOf = (t: TaskRow, labels: ExportLabels): SheetCell[] => {
  const light = trafficLight(t, labels.now);
  return [
    t.id,
    t.actionLine,
    textIn(t.title, labels.locale),
    t.ownerBureau,
    t.ownerName ?? '',
    new Date(`${t.startsOn}T00:00:00Z`),
    new Date(`${t.deadline}T00:00:00Z`),
    t.status,
    light,
    labels.light(light),
    t.lastUpdateAt,
    t.sdgTargets.join(' '),
    t.connectTargets.join(' '),
    `${labels.baseUrl}/${labels.locale}/roadmaps/tasks/${t.id}`,
  ];
};

const line = csvLine;

export const tasksCsv = (batches: AsyncIterable<TaskRow[]>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      yield Buffer.from(`\uFEFF${line(COLUMN_NAMES)}`);
      for await (const batch of batches) yield Buffer.from(batch.map((t) => line(rowOf(t, labels))).join(''));
    })(),
    { highWaterMark: 1 },
  );

export const tasksXlsx = (batches: AsyncIterable<TaskRow[]>, labels: ExportLabels): Readable =>
  xlsxSheetStream(
    (async function* () {
      for await (const batch of batches) yield batch.map((t) => rowOf(t, labels));
    })(),
    { sheet: 'tasks', header: COLUMN_NAMES, dateFormats: DATE_FORMATS, rightToLeft: labels.locale === 'ar' },
  );
