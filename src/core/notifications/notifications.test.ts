/**
 * Notifications as people meet them: the moderator's list and unread count after a submission,
 * marking read, the receipts, the e-mail in the recipient's language (at once, or one digest a day
 * however many processes send it), and the mailbox's plain words without a mail server.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../app.js';
import { createEdition } from '../../modules/prizes/commands/create-edition.js';
import { castVote } from '../../modules/prizes/commands/cast-vote.js';
import { updateEdition } from '../../modules/prizes/commands/update-edition.js';
import { assignExpert } from '../../modules/prizes/selection/commands/assign-expert.js';
import { editions, nominations } from '../../modules/prizes/tables.js';
import { actorOf, nominateAndAccept, phases } from '../../modules/prizes/test-helpers.js';
import { decideEntry } from '../../modules/stocktaking/commands/decide-entry.js';
import { submitEntry } from '../../modules/stocktaking/commands/submit-entry.js';
import { entrySubmitted } from '../../modules/stocktaking/notifications.js';
import { insertPublishedEntry } from '../../modules/stocktaking/test-helpers.js';
import { createTestKit, type TestClient, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { mailOutbox } from '../mail/tables.js';
import { mailImmediateNotifications, sendNotificationDigests, waitingImmediate } from './deliver.js';
import { notify, sendDueNotifications } from './notify.js';
import { notifications } from './tables.js';

let kit: TestKit;
let contributor: TestClient;
let contributorId: number;
let moderator: TestClient;
let moderatorUser: { id: number; email: string; name: string };
const baseUrl = 'http://platform.test';
const DAY = 86_400_000;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const user = await buildUser(db, { name: 'Awa Diallo' });
  contributorId = user.id;
  contributor = await kit.as(user);
  // The moderator reads French: their e-mails are in French whatever page they last saw.
  moderatorUser = await buildUser(db, { name: 'Camille Martin', roles: ['moderator'], locale: 'fr' });
  moderator = await kit.as(moderatorUser);
});
afterAll(async () => kit.close());

const entryForm = (title: string) => ({
  language: 'fr',
  title,
  summary: 'Connexion par satellite de 40 écoles rurales et formation des enseignants.',
  actionLines: ['C2'],
  leadCountry: 'NE',
  stakeholderType: 'civil-society',
  scope: 'national',
  status: 'ongoing',
  contactName: 'Awa Diallo',
  contactEmail: 'awa@example.org',
  intent: 'submit',
});

/** Submits a new entry through the form, as its submitter would; returns its id. */
const submitThroughForm = async (title: string) => {
  await contributor.get('/en/stocktaking/new');
  const res = await contributor.postMultipart('/en/stocktaking/new', entryForm(title));
  expect(res.statusCode).toBe(303);
  const id = Number(/\/stocktaking\/(\d+)/.exec(String(res.headers.location))?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
};

const mailsTo = (email: string) => kit.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(mailOutbox.id);
const unreadBadge = (html: string) => /<span class="notification-count"><span aria-hidden="true">([^<]+)<\/span><span class="visually-hidden">([^<]+)<\/span>/.exec(html);
/** The visible text of the list's items (bidi isolates removed). */
const listItems = (html: string) =>
  [...html.matchAll(/<li( class="unread")?><span class="notification-text">([\s\S]*?)<\/span><time/g)].map((m) => ({
    unread: Boolean(m[1]),
    text: (m[2] ?? '').replace(/<[^>]+>/g, '').replace(/[\u2068\u2069]/g, ''),
  }));

describe('a submission reaches the moderators', () => {
  let entryId: number;

  it('notifies each moderator in the platform and gives the submitter a receipt', async () => {
    entryId = await submitThroughForm('Écoles connectées au Sahel');
    const home = await moderator.get('/en');
    const badge = unreadBadge(home.body);
    expect(badge?.[1]).toBe('1');
    expect(badge?.[2]).toBe('(1 unread)');
    const page = await moderator.get('/en/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 notification, 1 unread.');
    expect(listItems(page.body)).toEqual([{ unread: true, text: 'UnreadNew entry to moderate: Écoles connectées au Sahel' }]);
    // The title is the submitter's text: isolated, so an Arabic sentence does not reorder around it.
    expect(page.body).toContain('\u2068Écoles connectées au Sahel\u2069');

    const receipt = await contributor.get('/fr/notifications');
    expect(listItems(receipt.body).map((i) => i.text)).toEqual(["Non lueVotre fiche Écoles connectées au Sahel a bien été reçue et attend d'être modérée."]);
  });

  it('opens the work from the list and counts it read', async () => {
    const [row] = await kit.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, moderatorUser.id), eq(notifications.kind, 'stocktaking.entry_submitted')));
    const open = await moderator.get(`/en/notifications/${row?.id}/open`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe(`/en/admin/stocktaking/${entryId}`);
    const home = await moderator.get('/en');
    expect(unreadBadge(home.body)).toBeNull();
    expect(home.body).toContain('>Notifications</a>');
    expect(listItems((await moderator.get('/en/notifications')).body)[0]?.unread).toBe(false);
    // Someone else's notification does not exist for this reader.
    const [receipt] = await kit.database.db.select().from(notifications).where(eq(notifications.recipientId, contributorId));
    expect((await moderator.get(`/en/notifications/${receipt?.id}/open`)).statusCode).toBe(404);
    expect((await moderator.post(`/en/notifications/${receipt?.id}/read`)).statusCode).toBe(404);
  });

  it('tells the moderators of a resubmission after a return, and marks one or all read', async () => {
    const db = kit.database.db;
    const moderatorActor = actorOf(moderatorUser, ['moderator']);
    expect((await decideEntry(db, { actor: moderatorActor, id: entryId, decision: 'return', comment: 'Add the countries', baseUrl })).ok).toBe(true);
    expect((await submitEntry(db, { actor: actorOf({ id: contributorId, email: '', name: '' }), id: entryId })).ok).toBe(true);
    await submitThroughForm('Radio rurale au Niger');
    const page = await moderator.get('/en/notifications');
    expect(listItems(page.body).map((i) => i.text)).toEqual([
      'UnreadNew entry to moderate: Radio rurale au Niger',
      'UnreadEntry submitted again after changes, to moderate: Écoles connectées au Sahel',
      'New entry to moderate: Écoles connectées au Sahel',
    ]);
    expect(unreadBadge(page.body)?.[1]).toBe('2');

    const [newest] = await db.select().from(notifications).where(eq(notifications.recipientId, moderatorUser.id)).orderBy(notifications.id).limit(1).offset(2);
    const marked = await moderator.post(`/en/notifications/${newest?.id}/read`);
    expect(marked.statusCode).toBe(303);
    expect(unreadBadge((await moderator.get('/en/notifications')).body)?.[1]).toBe('1');
    await moderator.post('/en/notifications/read-all');
    const after = await moderator.get('/en/notifications');
    expect(after.body).toContain('1 notification marked as read.');
    expect(unreadBadge(after.body)).toBeNull();
    expect(listItems(after.body).every((i) => !i.unread)).toBe(true);
  });

  it('leaves no notification behind a change that rolls back', async () => {
    const db = kit.database.db;
    const before = await db.select().from(notifications);
    await expect(
      db.transaction(async (tx) => {
        await notify(tx, entrySubmitted, { params: { title: { en: 'Phantom' } }, link: '/admin/stocktaking/1' });
        throw new Error('the change fails after notify()');
      }),
    ).rejects.toThrow('the change fails');
    expect(await db.select().from(notifications)).toHaveLength(before.length);
  });

  it('asks anonymous visitors to sign in, and shows them no notification link', async () => {
    const anonymous = kit.client();
    const res = await anonymous.get('/en/notifications');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/en/sign-in');
    expect((await anonymous.get('/en')).body).not.toContain('/en/notifications');
  });
});

describe('notifications by e-mail', () => {
  it('mails each "immediate" notification once, in the recipient’s language, and the mailbox says it is not sent', async () => {
    const sent = await mailImmediateNotifications(kit.database.db, { modules: MODULES, baseUrl });
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(await mailImmediateNotifications(kit.database.db, { modules: MODULES, baseUrl })).toBe(0);
    const toModerator = await mailsTo(moderatorUser.email);
    expect(toModerator.map((m) => [m.locale, m.subject.replace(/[\u2068\u2069]/g, '')])).toEqual([
      ['fr', 'Nouvelle fiche à modérer\u00a0: Écoles connectées au Sahel'],
      ['fr', 'Fiche soumise à nouveau après modifications, à modérer\u00a0: Écoles connectées au Sahel'],
      ['fr', 'Nouvelle fiche à modérer\u00a0: Radio rurale au Niger'],
    ]);
    expect(toModerator[0]?.text).toContain('Bonjour Camille Martin,');
    expect(toModerator[0]?.text).toMatch(/Ouvrir la page\u00a0: http:\/\/platform\.test\/fr\/admin\/stocktaking\/\d+/);

    const admin = await kit.as(await buildUser(kit.database.db, { roles: ['admin'] }));
    const mailbox = await admin.get('/en/admin/mailbox');
    expect(mailbox.body).toContain('Not sent: no mail server configured');
    expect(mailbox.body).not.toContain('>Waiting<');
  });

  it('sends one daily digest per person per day, even when two runs meet, in the recipient’s language', async () => {
    const db = kit.database.db;
    const reader = await buildUser(db, { name: 'Nour Haddad', roles: ['moderator'], locale: 'ar' });
    const client = await kit.as(reader);
    const account = await client.get('/en/account');
    expect(account.body).toContain('id="notification-email-immediate" name="email" value="immediate" checked');
    const saved = await client.post('/en/account/notifications', { email: 'daily' });
    expect(saved.statusCode).toBe(303);
    expect((await client.get('/en/account')).body).toContain('id="notification-email-daily" name="email" value="daily" checked');
    // A forged value is refused with a message; the choice stays.
    await client.post('/en/account/notifications', { email: 'hourly' });
    const refused = await client.get('/en/account');
    expect(refused.body).toContain('Choose one of the three options for notification e-mails.');
    expect(refused.body).toContain('value="daily" checked');

    await submitThroughForm('Bibliothèques numériques');
    await submitThroughForm('Cartographie participative');
    await mailImmediateNotifications(db, { modules: MODULES, baseUrl });
    expect(await mailsTo(reader.email)).toEqual([]);

    const now = new Date();
    const runs = await Promise.all([sendNotificationDigests(db, { modules: MODULES, baseUrl, now }), sendNotificationDigests(db, { modules: MODULES, baseUrl, now })]);
    expect(runs[0] + runs[1]).toBe(1);
    const [digest, ...more] = await mailsTo(reader.email);
    expect(more).toEqual([]);
    expect(digest?.locale).toBe('ar');
    expect(digest?.subject).toBe('إشعاران جديدان في منصة القمة العالمية لمجتمع المعلومات');
    expect(digest?.text).toContain('مُدخل جديد للمراجعة: \u2068Bibliothèques numériques\u2069');
    expect(digest?.html).toContain('dir="rtl"');

    // Later the same day: a new notification waits for tomorrow's digest.
    await submitThroughForm('Télémédecine mobile');
    expect(await sendNotificationDigests(db, { modules: MODULES, baseUrl, now: new Date(now.getTime() + 60_000) })).toBe(0);
    expect(await mailsTo(reader.email)).toHaveLength(1);
    expect(await sendNotificationDigests(db, { modules: MODULES, baseUrl, now: new Date(now.getTime() + DAY) })).toBe(1);
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe('إشعار جديد واحد في منصة القمة العالمية لمجتمع المعلومات');
  });

  it('sends nothing to a person who chose none, and keeps their list', async () => {
    const db = kit.database.db;
    const quiet = await buildUser(db, { roles: ['moderator'] });
    const client = await kit.as(quiet);
    await client.get('/en/account');
    await client.post('/en/account/notifications', { email: 'none' });
    await submitThroughForm('Centres communautaires');
    await mailImmediateNotifications(db, { modules: MODULES, baseUrl });
    await sendNotificationDigests(db, { modules: MODULES, baseUrl, now: new Date(Date.now() + 2 * DAY) });
    expect(await mailsTo(quiet.email)).toEqual([]);
    expect(listItems((await client.get('/en/notifications')).body).map((i) => i.text)).toEqual(['UnreadNew entry to moderate: Centres communautaires']);
  });

  it('mails a campaign’s receipts in one run, reading none of those already mailed to find the next', async () => {
    const db = kit.database.db;
    const voter = await buildUser(db, { name: 'Li Wei', locale: 'zh' });
    // A campaign's receipts: 3,000 mailed, then 1,000 waiting.
    const receipts = (n: number, mailedAt: Date | null) =>
      Array.from({ length: n }, (_, i) => ({
        recipientId: voter.id,
        kind: entrySubmitted.event,
        params: { title: `${mailedAt ? 'Envoyé' : 'Attente'} ${i}` },
        email: 'immediate' as const,
        mailedAt,
      }));
    for (const [n, mailedAt] of [
      [3000, new Date()],
      [1000, null],
    ] as const)
      for (let i = 0; i < n; i += 1000) await db.insert(notifications).values(receipts(Math.min(1000, n - i), mailedAt));
    await kit.database.pool.query('analyze core_notifications');

    const query = waitingImmediate(db, 100).toSQL();
    const { rows } = await kit.database.pool.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${query.sql}`, query.params as unknown[]);
    const plan = rows[0]?.['QUERY PLAN'];
    type PlanNode = { 'Relation Name'?: string; 'Index Name'?: string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] };
    const scans: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      if (node['Relation Name'] === 'core_notifications') scans.push(node);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
    // The mailer's hundred, read in order: none of the mailed rows, and no more waiting ones than it takes.
    expect(scans.map((n) => ({ index: n['Index Name'], read: n['Actual Rows'] * n['Actual Loops'] + (n['Rows Removed by Filter'] ?? 0) }))).toEqual([
      { index: 'core_notifications_immediate_idx', read: 100 },
    ]);

    // One run mails them all, a hundred a transaction, oldest first, in the voter's language.
    expect(await mailImmediateNotifications(db, { modules: MODULES, baseUrl, budgetMs: 60_000 })).toBe(1000);
    const mails = await mailsTo(voter.email);
    expect(mails).toHaveLength(1000);
    expect(new Set(mails.map((m) => m.locale))).toEqual(new Set(['zh']));
    expect(mails[0]?.subject).toContain('Attente 0');
    expect(mails[999]?.subject).toContain('Attente 999');
    // A run whose time is up stops after the batch under way: the rest waits for the next run.
    await db.insert(notifications).values(receipts(250, null));
    expect(await mailImmediateNotifications(db, { modules: MODULES, baseUrl, budgetMs: 0 })).toBe(100);
    expect(await mailImmediateNotifications(db, { modules: MODULES, baseUrl, budgetMs: 60_000 })).toBe(150);
  });
});

describe('the prizes notify their managers, experts, nominators and voters', () => {
  it('tells the managers of a nomination, the nominator, the assigned expert and the voter', async () => {
    const db = kit.database.db;
    const managerUser = await buildUser(db, { roles: ['prize-manager'] });
    const manager = actorOf(managerUser, ['prize-manager']);
    const ownerUser = await buildUser(db);
    const owner = actorOf(ownerUser);
    const year = 2071;
    expect((await createEdition(db, { actor: manager, input: { year, phases: phases(0) } })).ok).toBe(true);
    expect((await updateEdition(db, { actor: manager, year, patch: { summaryMinWords: 1 } })).ok).toBe(true);
    const entry = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Digital literacy buses' } });
    await nominateAndAccept(db, { owner, manager, year, category: 1, entries: [entry] });

    const managerPage = await (await kit.as(managerUser)).get('/en/notifications');
    expect(listItems(managerPage.body).map((i) => i.text)).toEqual(['UnreadNew nomination for the WSIS Prizes 2071, category 1: Digital literacy buses']);
    const ownerClient = await kit.as(ownerUser);
    expect(listItems((await ownerClient.get('/en/notifications')).body).map((i) => i.text)).toEqual([
      'UnreadYour nomination of Digital literacy buses in category 1 of the WSIS Prizes 2071 has been received.',
    ]);

    const expertUser = await buildUser(db, { roles: ['expert'] });
    expect((await assignExpert(db, { actor: manager, year, input: { email: expertUser.email, category: 1 } })).ok).toBe(true);
    const [edition] = await db.select().from(editions).where(eq(editions.year, year));
    const deadline = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(edition?.selectionEnd);
    const expertPage = await (await kit.as(expertUser)).get('/en/notifications');
    expect(listItems(expertPage.body).map((i) => i.text)).toEqual([
      `UnreadYou have been assigned as an expert for category 1 of the WSIS Prizes 2071; scoring closes on ${deadline}.`,
    ]);
    expect(expertPage.body).toContain(`href="/en/notifications/`);

    // Three days before the scoring deadline, one reminder per expert and category, however often it runs.
    const reminderAt = new Date((edition?.selectionEnd.getTime() ?? 0) - 2 * DAY);
    expect(await sendDueNotifications(db, { modules: MODULES, now: new Date(reminderAt.getTime() - 2 * DAY) })).toBe(0);
    expect(await sendDueNotifications(db, { modules: MODULES, now: reminderAt })).toBe(1);
    expect(await sendDueNotifications(db, { modules: MODULES, now: new Date(reminderAt.getTime() + 3_600_000) })).toBe(0);
    const reminded = await (await kit.as(expertUser)).get('/fr/notifications');
    expect(listItems(reminded.body)[0]?.text).toBe(
      `Non lueRappel\u00a0: la notation de la catégorie 1 des Prix du SMSI 2071 sera close le ${new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(edition?.selectionEnd)}.`,
    );

    // The vote: in its voting phase, the receipt is written by the vote's own statement.
    expect((await updateEdition(db, { actor: manager, year, patch: { phases: phases(2) } })).ok).toBe(true);
    const [nomination] = await db.select().from(nominations).where(eq(nominations.entryId, entry.id));
    expect((await castVote(kit.database, { actor: owner, year, nominationId: nomination?.id as number })).ok).toBe(true);
    expect(listItems((await ownerClient.get('/es/notifications')).body)[0]?.text).toBe('Sin leerSe ha registrado su voto en la categoría 1 de los Premios de la CMSI 2071.');
  });
});
