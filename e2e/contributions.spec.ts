/**
 * Contributions in a real browser, no script needed: a Member State's delegate submits a
 * contribution in Russian (the form in /ru, a file chosen), the secretariat registers and publishes
 * it, and it appears with its symbol; axe at zero violations on the form, the receipt and the
 * secretariat's queue in the six languages.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { memberships, organizations } from '../src/modules/accounts/tables.js';
import { insertMeeting, pdf } from '../src/modules/meetings/contributions/test-helpers.js';
import { meetingDocuments } from '../src/modules/meetings/tables.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

describe.skipIf(skipBrowserTests)('contributions to a meeting', () => {
  const h = useBrowserHarness();

  const delegateOf = async (locale: string) => {
    const db = h.platform.database.db;
    const user = await buildUser(db, { locale });
    const [ministry] = await db.insert(organizations).values({ name: 'Министерство цифрового развития', stakeholderType: 'government', country: 'RU' }).returning();
    await db.insert(memberships).values({ organizationId: ministry?.id ?? 0, userId: user.id, role: 'member' });
    return user;
  };

  const fillContribution = async (page: Page, { agendaItem, language, title }: { agendaItem: number; language: string; title: string }) => {
    await page.locator('main select[name="agenda_item"]').selectOption(String(agendaItem));
    await page.locator('main select[name="original_language"]').selectOption(language);
    await page.locator(`main input[name="title_${language}"]`).fill(title);
    await page.locator(`main input[name="file_${language}"]`).setInputFiles({ name: 'вклад.pdf', mimeType: 'application/pdf', buffer: pdf() });
  };

  it('a delegate submits in Russian; the secretariat registers and publishes it with its symbol', async () => {
    const db = h.platform.database.db;
    const meeting = await insertMeeting(db);
    const delegate = await delegateOf('ru');
    const page = await h.newPage({ locale: 'ru' });
    await signIn(page, 'ru', delegate.email);
    await page.goto(`/ru${meeting.path}/contribute`);
    expect(await page.locator('main h1').innerText()).toContain('Представить вклад');

    // A title missing: the error beside the field, the rest kept.
    await page.locator('main select[name="agenda_item"]').selectOption(String(meeting.agenda[1]?.id));
    await submitForm(page, 'main form[enctype="multipart/form-data"]');
    expect(await page.locator('main .error-summary').innerText()).toContain('Укажите название на языке оригинала.');
    expect(await page.locator('main select[name="agenda_item"]').inputValue()).toBe(String(meeting.agenda[1]?.id));
    await expectAccessible(page);

    await fillContribution(page, { agendaItem: meeting.agenda[1]?.id ?? 0, language: 'ru', title: 'Цифровая инклюзивность в сельских районах' });
    await submitForm(page, 'main form[enctype="multipart/form-data"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/ru\/meetings\/my-contributions\/\d+$/);
    expect(await page.locator('main h1').innerText()).toBe('Вклад получен');
    await expectAccessible(page);

    const secretariat = await buildUser(db, { roles: ['secretariat'], locale: 'ru' });
    const admin = await h.newPage({ locale: 'ru' });
    await signIn(admin, 'ru', secretariat.email);
    await admin.goto(`/ru/admin${meeting.path}/contributions`);
    expect(await admin.locator('main').innerText()).toContain('Цифровая инклюзивность в сельских районах');
    await submitForm(admin, 'main form[action$="/register"]');
    const symbol = `CWG-WSIS&SDG-${meeting.number}/1`;
    expect(await admin.locator('main').innerText()).toContain(symbol);
    await submitForm(admin, 'main form[action$="/publish"]');
    const [doc] = await db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id));
    expect(doc).toMatchObject({ status: 'published', symbol, sourceKind: 'member-state', sourceCountry: 'RU', originalLanguage: 'ru' });

    await page.goto('/ru/meetings/my-contributions');
    expect(await page.locator('main table').innerText()).toContain(symbol);
    // The meeting page (management's, with register's documents list): the published document with its symbol.
    await page.goto(`/ru${meeting.path}`);
    expect(await page.locator('main').innerText()).toContain(symbol);
  });

  it.each(LOCALES)('passes axe on the form, the receipt and the queue in %s', async (locale) => {
    const db = h.platform.database.db;
    const meeting = await insertMeeting(db, { deadlineInDays: -1 });
    const delegate = await delegateOf(locale);
    const page = await h.newPage({ locale });
    await signIn(page, locale, delegate.email);
    await page.goto(`/${locale}${meeting.path}/contribute`);
    await expectAccessible(page);
    await fillContribution(page, { agendaItem: meeting.agenda[0]?.id ?? 0, language: locale, title: `Contribution ${locale}` });
    await submitForm(page, 'main form[enctype="multipart/form-data"]');
    expect(new URL(page.url()).pathname).toMatch(/\/meetings\/my-contributions\/\d+$/);
    await expectAccessible(page);
    await page.goto(`/${locale}/meetings/my-contributions`);
    await expectAccessible(page);
    const secretariat = await buildUser(db, { roles: ['secretariat'], locale });
    const admin = await h.newPage({ locale });
    await signIn(admin, locale, secretariat.email);
    await admin.goto(`/${locale}/admin${meeting.path}/contributions`);
    await expectAccessible(admin);
    // Late and not flagged: the refusal beside the contribution, still accessible.
    await submitForm(admin, 'main form[action$="/register"]');
    expect(await admin.locator('main .error-message').count()).toBe(1);
    await expectAccessible(admin);
  });
});
