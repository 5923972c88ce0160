/**
 * A report's symbol linked to the document register (issue 17: "symbol (from the document register
 * where it exists)"): on the public page of a published report and on the report's admin page, the
 * symbol links to the register's page of the document with that symbol when the register has one
 * the reader may see; otherwise it is shown as text. The register's documents are made with the
 * meetings' own commands.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { findDocumentPathBySymbol } from '../../meetings/queries.js';
import { publishDocument } from '../../meetings/register/commands/publish-document.js';
import { buildDocument, buildMeeting, buildSecretariat, documentInput, tempStore } from '../../meetings/register/test-helpers.js';
import { reports, reportVersions } from '../tables.js';
import { buildReport } from './run.js';
import { freezeSnapshot } from './snapshot.js';
import { insertReport } from './test-helpers.js';

let kit: TestKit;
let secretariat: { email: string };
/** A published document of a public meeting, and a registered (not published) one. */
let published: string;
let registered: string;

const sections = [{ id: 'intro', title: { en: 'Introduction', fr: 'Introduction' }, narrative: true }];
const narratives = { intro: { text: { en: 'A year of work.', fr: 'Une année de travail.' }, translations: {} } };

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  secretariat = await buildUser(db, { roles: ['secretariat'] });
  const registrar = await buildSecretariat(db);
  const store = tempStore();
  const { meeting } = await buildMeeting(db, { number: 45 });
  const first = await buildDocument(db, { actor: registrar.actor, store, input: documentInput(meeting.id) });
  const publishedResult = await publishDocument(db, { actor: registrar.actor, documentId: first.id });
  expect(publishedResult.ok).toBe(true);
  const second = await buildDocument(db, { actor: registrar.actor, store, input: documentInput(meeting.id) });
  if (!first.symbol || !second.symbol) throw new Error('no symbol allocated');
  published = first.symbol;
  registered = second.symbol;
});
afterAll(async () => kit?.close());

/** A final report of `year` with `symbol`, frozen, with its English HTML built (so it is public). */
const publishedReport = async (templateKey: 'council' | 'hlpf' | 'pp', year: number, symbol: string) => {
  const { db } = kit.database;
  const { report, version } = await insertReport(db, { templateKey, year, sections, narratives });
  await db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({ symbol, state: 'final', finalizedAt: new Date('2026-01-15T10:00:00Z') })
      .where(eq(reports.id, report.id));
    await tx.update(reportVersions).set({ final: true, state: 'final' }).where(eq(reportVersions.id, version.id));
    await freezeSnapshot(tx, kit.app.platform.modules, version.id);
  });
  await buildReport(db, kit.app.platform.files, kit.app.platform.modules, { reportId: report.id, version: 'final', locales: ['en'], formats: ['html'], keep: true });
  return report;
};

const href = (symbol: string, locale = 'en') => `/${locale}/documents/${encodeURIComponent(symbol)}`;

describe('the symbol of a report, linked to the register', () => {
  it('finds the register’s page of a document the reader may see, nothing for one they may not or for an unknown symbol', async () => {
    const { db } = kit.database;
    expect(await findDocumentPathBySymbol(db, { symbol: published, actor: null })).toBe(`/documents/${encodeURIComponent(published)}`);
    expect(await findDocumentPathBySymbol(db, { symbol: registered, actor: null })).toBeNull();
    expect(await findDocumentPathBySymbol(db, { symbol: 'C26/NOPE', actor: null })).toBeNull();
    expect(await findDocumentPathBySymbol(db, { symbol: '', actor: null })).toBeNull();
  });

  it('links the symbol on the public page of a published report when the register has it, and shows it as text otherwise', async () => {
    await publishedReport('council', 2025, published);
    await publishedReport('hlpf', 2025, 'E/CN.16/2026/CRP.3');
    const c = kit.client();
    const linked = await c.get('/en/reports/council/2025');
    expect(linked.statusCode).toBe(200);
    expect(linked.body).toContain(`<a href="${href(published)}" dir="ltr">${published.replace(/&/g, '&amp;')}</a>`);
    // The link leads to the register's page of that document.
    expect((await c.get(href(published))).statusCode).toBe(200);
    const plain = await c.get('/fr/reports/hlpf/2025');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toContain('E/CN.16/2026/CRP.3');
    expect(plain.body).not.toContain('/documents/E%2FCN.16');
  });

  it('links the symbol on the report’s admin page; a document not yet published is linked for the secretariat only', async () => {
    const { db } = kit.database;
    const { report } = await insertReport(db, { templateKey: 'pp', year: 2026, sections, narratives });
    await db.update(reports).set({ symbol: registered }).where(eq(reports.id, report.id));
    const s = await kit.as(secretariat);
    const page = await s.get(`/fr/admin/reports/${report.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${href(registered, 'fr')}"`);
    await db.update(reports).set({ symbol: 'C26/NOPE' }).where(eq(reports.id, report.id));
    const none = await s.get(`/fr/admin/reports/${report.id}`);
    expect(none.body).toContain('C26/NOPE');
    expect(none.body).not.toContain('/fr/documents/C26');
  });
});
