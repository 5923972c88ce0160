/**
 * The exports are streamed: batches are read only as fast as the client takes the file, and no
 * more once it has gone, so memory stays flat whatever the number of answers.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportLabels, exportQuestions } from './columns.js';
import { attachmentsZip, csvStream, xlsxStream } from './formats.js';
import type { AnswerBatch, ExportAnswer } from './queries.js';
import { QUESTIONNAIRE } from './test-helpers.js';

const labels = exportLabels('fr', exportQuestions([{ version: 1, questionnaire: QUESTIONNAIRE }]));
const answer: ExportAnswer = {
  id: 1,
  version: 1,
  organizationId: null,
  language: 'fr',
  values: { q1: { text: 'Le haut débit rural '.repeat(20) }, q2: { choice: 'infra' }, q4: { yes: true } },
  publish: false,
  stakeholderType: 'government',
  country: 'FR',
  region: 'EUR',
  gender: null,
  submittedAt: new Date('2027-03-01T10:00:00Z'),
};

/** Endless batches of one answer, counting how many were asked for and whether the reader let go. */
const endless = () => {
  const state = { pulled: 0, closed: false };
  const batches = (async function* (): AsyncGenerator<AnswerBatch> {
    try {
      for (;;) {
        state.pulled++;
        yield { answers: Array.from({ length: 50 }, (_, i) => ({ ...answer, id: state.pulled * 50 + i })), files: new Map() };
      }
    } finally {
      state.closed = true;
    }
  })();
  return { state, batches };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('the answer exports under a slow or vanishing client', () => {
  it.each([
    ['CSV', csvStream],
    ['Excel', xlsxStream],
  ])('%s: reads batches only as fast as the client takes the file, and stops when it goes', async (_name, write) => {
    const { state, batches } = endless();
    const stream = write(batches, labels);
    // Nobody reads: the writer stops once the stream's buffers are full.
    for (let i = 0; i < 5; i++) await settle();
    expect(state.pulled).toBeLessThan(200);
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
  });

  it('ZIP: files are read a few at a time while the client is slow', async () => {
    const state = { pulled: 0 };
    const file = Buffer.alloc(256 * 1024, 7);
    const batches = (async function* () {
      for (;;) {
        state.pulled++;
        yield Array.from({ length: 4 }, (_, i) => ({ id: state.pulled * 4 + i, answerId: state.pulled, questionId: 'q6', fileName: `f${i}.pdf`, data: file }));
      }
    })();
    const stream = attachmentsZip(batches);
    for (let i = 0; i < 5; i++) await settle();
    // Unthrottled, a second is hundreds of megabytes; held back, a few batches.
    expect(state.pulled).toBeLessThan(10);
    stream.destroy();
  });
});
