/**
 * The exports are streamed: read from the database in bounded batches (keyset by id), written as
 * they come, and stopped when the client goes. The figures (time, memory) are in the bench.
 */
import { PassThrough, type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { entryFilterCondition } from '../queries.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { csvBatches, labelsFor } from './api-routes.js';
import { COLUMN_NAMES, type ExportLabels } from './columns.js';
import { csvLine } from '../../../core/exports/csv.js';
import { csvStream } from './csv.js';
import { EXPORT_BATCH_SIZE, type ExportEntry, streamExportEntries } from './queries.js';
import { xlsxStream } from './xlsx.js';

let database: TestDatabase;
let labels: ExportLabels;
const ids: number[] = [];
const condition = () => entryFilterCondition({ actor: null, locale: 'en' });

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 5; i++) {
    ids.push((await insertPublishedEntry(database.db, { title: { en: `Entry ${i}, "quoted"`, fr: `Entrée ${i}` }, leadCountry: i === 2 ? 'NA' : 'FR', sdgTargets: ['8.10'] })).id);
  }
  await insertPublishedEntry(database.db, { state: 'draft', title: { en: 'Draft' } });
  labels = await labelsFor({ locale: 'fr', baseUrl: 'http://platform.test', db: database.db });
});
afterAll(async () => database.drop());

const collect = async (batchSize: number) => {
  const batches: ExportEntry[][] = [];
  for await (const batch of streamExportEntries(database.db, { condition: condition(), locale: 'en', batchSize })) batches.push(batch);
  return batches;
};

const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write: (chunk, _encoding, done) => {
        chunks.push(Buffer.from(chunk));
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
};

describe('streamExportEntries', () => {
  it('reads the visible entries in batches of the size asked, the same rows as in one batch', async () => {
    const small = await collect(2);
    expect(small.map((b) => b.length)).toEqual([2, 2, 1]);
    const whole = await collect(1000);
    expect(whole).toHaveLength(1);
    expect(small.flat()).toEqual(whole.flat());
    expect(whole.flat().map((e) => e.id)).toEqual(ids);
    expect(EXPORT_BATCH_SIZE).toBeLessThanOrEqual(500);
  });
});

describe('csvStream', () => {
  it('writes the same file whatever the batches', async () => {
    const small = await bytesOf(csvStream(csvBatches(database.db, { condition: condition(), labels, batchSize: 2 })));
    const whole = await bytesOf(csvStream(csvBatches(database.db, { condition: condition(), labels, batchSize: 1000 })));
    expect(small.equals(whole)).toBe(true);
    expect(whole.toString('utf8').startsWith(`\uFEFF${csvLine(COLUMN_NAMES)}`)).toBe(true);
    expect(whole.toString('utf8')).toContain('"Entry 0, ""quoted"""');
  });
});

/** Endless batches of `item`, counting how many were asked for and whether the reader let go. */
const endless = <T>(item: T) => {
  const state = { pulled: 0, closed: false };
  const batches = (async function* () {
    try {
      for (;;) {
        state.pulled++;
        yield Array.from({ length: 50 }, () => item);
      }
    } finally {
      state.closed = true;
    }
  })();
  return { state, batches };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('a client that goes away', () => {
  it.each([
    [
      'CSV',
      (batches: AsyncIterable<ExportEntry[]>) =>
        csvStream(
          (async function* () {
            for await (const b of batches) yield Buffer.from(b.map((e) => `${e.id},x\r\n`).join(''));
          })(),
        ),
    ],
    ['Excel', (batches: AsyncIterable<ExportEntry[]>) => xlsxStream(batches, labels)],
  ])('stops the %s export: no more batches are read', async (_name, write) => {
    const [entry] = (await collect(1)).flat();
    const { state, batches } = endless(entry as ExportEntry);
    const stream = write(batches);
    // A client that takes one chunk and disconnects, as Fastify destroys the payload when the response closes.
    const client = new PassThrough();
    stream.pipe(client);
    await new Promise((resolve) => client.once('data', resolve));
    stream.unpipe(client);
    stream.destroy();
    await settle();
    const pulled = state.pulled;
    await settle();
    expect(state.closed).toBe(true);
    expect(state.pulled).toBe(pulled);
    expect(pulled).toBeLessThan(50);
  });

  it('reads the Excel batches only as fast as a slow client takes the file', async () => {
    const [entry] = (await collect(1)).flat();
    const { state, batches } = endless(entry as ExportEntry);
    const stream = xlsxStream(batches, labels);
    // Nobody reads: the writer stops once the stream's buffers are full (50 rows a batch;
    // unthrottled, a second is thousands of batches).
    for (let i = 0; i < 6; i++) await settle();
    expect(state.pulled).toBeLessThan(200);
    stream.destroy();
    await settle();
    expect(state.closed).toBe(true);
  });
});

describe('xlsxStream', () => {
  it('writes the rows of every batch', async () => {
    const body = await bytesOf(xlsxStream(streamExportEntries(database.db, { condition: condition(), locale: 'fr', batchSize: 2 }), labels));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('entries');
    expect(sheet?.actualRowCount).toBe(6);
    expect(sheet?.getRow(4).getCell(COLUMN_NAMES.indexOf('lead_country') + 1).value).toBe('NA');
  });
});
