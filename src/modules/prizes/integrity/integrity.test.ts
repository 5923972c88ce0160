import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { users } from '../../../core/auth/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { actorOf, buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition, type toPhaseDates } from '../commands/create-edition.js';
import { decideNomination } from '../commands/decide-nomination.js';
import { submitNomination } from '../commands/submit-nomination.js';
import { updateEdition } from '../commands/update-edition.js';
import { getEditionByYear } from '../queries.js';
import { votes } from '../tables.js';
import { invalidateVotes } from './invalidate-votes.js';
import { findSignals, integrityReport, isDisposableDomain } from './queries.js';

const DAY = 86_400_000;
const YEAR = 2042;
let kit: TestKit;
let manager: Actor;
let managerUser: { email: string };
let passwordHash = '';
const nominees: Record<1 | 2, number> = { 1: 0, 2: 0 };

const phases = (current: number) =>
  Object.fromEntries(
    ['submission', 'validation', 'voting', 'selection', 'announcement'].map((p, i) => [
      p,
      { start: new Date(Date.now() + ((i - current) * 10 - 5) * DAY).toISOString(), end: new Date(Date.now() + ((i - current) * 10 + 5) * DAY).toISOString() },
    ]),
  ) as Parameters<typeof toPhaseDates>[0];

let sequence = 0;
/** Voters inserted directly (one shared password hash), created `ageDays` days before voting opened. */
const addVoters = async (n: number, { ageDays, domain = 'example.org' }: { ageDays: number; domain?: string }) => {
  const edition = await getEditionByYear(kit.database.db, YEAR);
  const createdAt = new Date(edition.votingStart.getTime() - ageDays * DAY);
  const rows = Array.from({ length: n }, () => {
    sequence += 1;
    return { email: `voter${sequence}@${domain}`, name: `Voter ${sequence}`, passwordHash, emailVerifiedAt: createdAt, createdAt };
  });
  return (await kit.database.db.insert(users).values(rows).returning({ id: users.id })).map((r) => r.id);
};

/** Each voter votes in both categories, `gapMs` apart, from `ip`, starting at `start`. */
const castAll = async (voterIds: number[], { ip, network, start, gapMs }: { ip: string; network: string; start: Date; gapMs: number }) => {
  const edition = await getEditionByYear(kit.database.db, YEAR);
  let t = start.getTime();
  const rows = voterIds.flatMap((voterId) =>
    ([1, 2] as const).map((category) => {
      t += gapMs;
      return { editionId: edition.id, categoryNumber: category, nominationId: nominees[category], voterId, ip, network, castAt: new Date(t) };
    }),
  );
  return (await kit.database.db.insert(votes).values(rows).returning({ id: votes.id })).map((r) => r.id);
};

let burstVotes: number[] = [];
let quietVotes: number[] = [];
let clusterVotes: number[] = [];
let disposableVotes: number[] = [];

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const mu = await buildUser(db, { roles: ['prize-manager'] });
  managerUser = mu;
  manager = actorOf(mu, ['prize-manager']);
  passwordHash = (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, mu.id)))[0]?.h ?? '';
  const ownerUser = await buildUser(db);
  const owner = actorOf(ownerUser);
  await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 5 } });
  for (const category of [1, 2] as const) {
    const entry = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: `Project ${category}` } });
    const res = await submitNomination(db, { actor: owner, year: YEAR, input: { entryId: entry.id, category, answers: {} } });
    if (!res.ok) throw new Error(res.error);
    await decideNomination(db, { actor: manager, id: res.id, input: { decision: 'accept' }, baseUrl: 'http://platform.test' });
    nominees[category] = res.id;
  }
  await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(2) }, confirmVoteChanges: true });

  const day = new Date(Date.now() - DAY);
  // 25 established accounts vote from one address within 50 seconds: 50 votes, a burst.
  burstVotes = await castAll(await addVoters(25, { ageDays: 60 }), { ip: '203.0.113.7', network: '203.0.113.0/24', start: day, gapMs: 1000 });
  // The same address an hour later, a few votes: not a burst.
  quietVotes = await castAll(await addVoters(3, { ageDays: 60 }), { ip: '203.0.113.7', network: '203.0.113.0/24', start: new Date(day.getTime() + 3600_000), gapMs: 20_000 });
  // Five accounts created two days before voting opened vote within seconds on one network.
  clusterVotes = await castAll(await addVoters(5, { ageDays: 2 }), { ip: '198.51.100.9', network: '198.51.100.0/24', start: day, gapMs: 400 });
  // Two accounts of a disposable e-mail domain, voting calmly.
  disposableVotes = await castAll(await addVoters(2, { ageDays: 90, domain: 'mailinator.com' }), {
    ip: '192.0.2.1',
    network: '192.0.2.0/24',
    start: new Date(day.getTime() + 7200_000),
    gapMs: 60_000,
  });
});
afterAll(async () => kit.close());

describe('fraud signals', () => {
  it('finds bursts per address, clusters of new accounts per network, new accounts and disposable domains, each with its votes', async () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('itu.int')).toBe(false);
    const signals = await findSignals(kit.database.db, await getEditionByYear(kit.database.db, YEAR));
    const byId = new Map(signals.map((s) => [s.id, s]));

    const burst = byId.get('address_burst:203.0.113.7');
    expect(burst?.voteIds).toEqual(burstVotes);
    expect(burst?.voters).toBe(25);
    expect(burst?.voteIds).not.toContain(quietVotes[0]);
    // 56 votes on the network in all, fewer than a network burst.
    expect(signals.filter((s) => s.kind === 'network_burst')).toEqual([]);

    expect(byId.get('new_account_cluster:198.51.100.0/24')?.voteIds).toEqual(clusterVotes);
    expect(byId.get('new_accounts:')?.voteIds).toEqual(clusterVotes);
    expect(byId.get('disposable_email:mailinator.com')?.voteIds).toEqual(disposableVotes);
    expect(signals.every((s) => s.pending === s.voteIds.length)).toBe(true);
  });
});

describe('invalidating votes', () => {
  it('needs a reason, leaves invalidated votes and other editions alone, and writes one audit row', async () => {
    const { db } = kit.database;
    const edition = await getEditionByYear(db, YEAR);
    expect(await invalidateVotes(db, { actor: manager, editionId: edition.id, voteIds: [disposableVotes[0] as number], reason: '   ' })).toEqual({
      ok: false,
      error: 'reason_required',
    });
    expect(await invalidateVotes(db, { actor: manager, editionId: edition.id + 999, voteIds: disposableVotes, reason: 'Wrong edition' })).toEqual({
      ok: false,
      error: 'no_votes',
    });
    const first = await invalidateVotes(db, { actor: manager, editionId: edition.id, voteIds: [disposableVotes[0] as number], reason: 'Disposable address' });
    expect(first).toEqual({ ok: true, invalidated: [disposableVotes[0]] });
    // Again, with the rest: the first vote keeps its first reason.
    const second = await invalidateVotes(db, { actor: manager, editionId: edition.id, voteIds: disposableVotes, reason: 'Other reason' });
    expect(second).toEqual({ ok: true, invalidated: disposableVotes.slice(1) });
    const rows = await db.select({ id: votes.id, reason: votes.invalidReason, by: votes.invalidatedBy }).from(votes).where(eq(votes.voterId, votes.voterId));
    const reasons = new Map(rows.map((r) => [r.id, r]));
    expect(reasons.get(disposableVotes[0] as number)).toMatchObject({ reason: 'Disposable address', by: manager.id });
    expect(reasons.get(disposableVotes[1] as number)?.reason).toBe('Other reason');
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'prizes.vote.review'), eq(auditLog.subjectId, String(edition.id))));
    expect(audit).toHaveLength(2);
    expect(audit[0]?.after).toEqual({ invalidated: [disposableVotes[0]], reason: 'Disposable address' });
    const signals = await findSignals(db, edition);
    expect(signals.find((s) => s.kind === 'disposable_email')?.pending).toBe(0);
  });
});

describe('the managers’ integrity page', () => {
  it('is for prize managers only and is in their menu', async () => {
    const someone = await kit.as(await buildUser(kit.database.db));
    expect((await someone.get(`/en/admin/prizes/${YEAR}/integrity`)).statusCode).toBe(403);
    const c = await kit.as(managerUser);
    const menu = await c.get('/en/admin/prizes/integrity');
    expect(menu.statusCode).toBe(302);
    const page = await c.get(`/en/admin/prizes/${YEAR}/integrity`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Vote integrity: WSIS Prizes ${YEAR}</h1>`);
    expect(page.body).toContain('Address 203.0.113.7');
    expect(page.body).toContain('50 votes from 25 accounts, 50 not invalidated yet');
    // One notion, one name: a vote's status is "Valid" as in the report's "Valid" column, or why it is not.
    expect(page.body).not.toMatch(/still counted|>Counted</);
    expect(page.body).toMatch(/<td dir="auto">(Valid|Not meeting the rule of a valid vote)<\/td>/);
    expect(page.body).toMatch(/<th scope="col"[^>]*>Valid<\/th>/);
    expect(page.body).toContain('Network 198.51.100.0/24');
    expect(page.body).toContain('E-mail domain mailinator.com');
    expect((await c.get('/en/admin')).body).toContain('href="/en/admin/prizes/integrity"');
    expect((await someone.get('/en/admin')).body).not.toContain('href="/en/admin/prizes/integrity"');
  });

  it('refuses an invalidation without a reason, then invalidates selected votes, then the rest of the signal', async () => {
    const c = await kit.as(managerUser);
    await c.get(`/en/admin/prizes/${YEAR}/integrity`);
    const signal = 'new_account_cluster:198.51.100.0/24';
    const noReason = await c.post(`/en/admin/prizes/${YEAR}/integrity`, { signal, scope: 'signal', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Give a reason: it is published in the integrity report.');
    const noneSelected = await c.post(`/en/admin/prizes/${YEAR}/integrity`, { signal, scope: 'selected', reason: 'Cluster' });
    expect(noneSelected.statusCode).toBe(422);
    expect(noneSelected.body).toContain('value="Cluster"');

    const picked = clusterVotes.slice(0, 2).map(String);
    // A vote of another signal slipped into the form is ignored.
    const selected = await c.post(`/en/admin/prizes/${YEAR}/integrity`, {
      signal,
      scope: 'selected',
      vote: [...picked, String(burstVotes[0])],
      reason: 'Accounts made for the vote',
    });
    expect(selected.statusCode).toBe(303);
    const after = await c.get(`/en/admin/prizes/${YEAR}/integrity`);
    expect(after.body).toContain('2 votes invalidated.');
    const all = await c.post(`/en/admin/prizes/${YEAR}/integrity`, { signal, scope: 'signal', reason: 'Accounts made for the vote' });
    expect(all.statusCode).toBe(303);
    const done = await c.get(`/en/admin/prizes/${YEAR}/integrity`);
    expect(done.body).toContain(`${clusterVotes.length - 2} votes invalidated.`);
    const stored = await kit.database.db.select({ n: sql<number>`count(*)` }).from(votes).where(sql`${votes.invalidReason} = 'Accounts made for the vote'`);
    expect(Number(stored[0]?.n)).toBe(clusterVotes.length);
    expect(
      (
        await kit.database.db
          .select()
          .from(votes)
          .where(eq(votes.id, burstVotes[0] as number))
      )[0]?.invalidatedAt,
    ).toBeNull();
  });
});

describe('the public integrity report', () => {
  it('waits for the end of voting, then shows votes cast, valid, invalidated and why, per category (page and API)', async () => {
    const anonymous = kit.client();
    const early = await anonymous.get(`/en/prizes/${YEAR}/integrity`);
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain('The integrity report is published when voting closes');
    const earlyApi = await anonymous.get(`/api/v1/prizes/editions/${YEAR}/integrity`);
    expect(earlyApi.statusCode).toBe(404);
    expect(earlyApi.json().detail).toBe('The integrity report of this edition is published when voting closes.');

    // An account created after voting opened: its vote is cast but does not meet the rule.
    const [late] = await addVoters(1, { ageDays: -1 });
    const edition = await getEditionByYear(kit.database.db, YEAR);
    await kit.database.db
      .insert(votes)
      .values({ editionId: edition.id, categoryNumber: 1, nominationId: nominees[1], voterId: late as number, ip: '192.0.2.50', network: '192.0.2.0/24' });
    await updateEdition(kit.database.db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
    const api = await anonymous.get(`/api/v1/prizes/editions/${YEAR}/integrity`);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    // 35 voters × 2 categories and the late one; the cluster's 10 votes and the 4 disposable ones are invalidated.
    expect(body.totals).toEqual({ cast: 71, valid: 56, invalidated: 14, notMeetingRule: 1 });
    const first = body.categories.find((c: { category: number }) => c.category === 1);
    expect(first).toMatchObject({ cast: 36, valid: 28, invalidated: 7, notMeetingRule: 1 });
    expect(first.invalidatedByReason).toEqual([
      { reason: 'Accounts made for the vote', votes: 5 },
      { reason: 'Disposable address', votes: 1 },
      { reason: 'Other reason', votes: 1 },
    ]);
    const report = await integrityReport(kit.database.db, await getEditionByYear(kit.database.db, YEAR));
    expect(report.find((r) => r.category === 3)).toEqual({ category: 3, cast: 0, valid: 0, invalidated: 0, notMeetingRule: 0, reasons: [] });

    const page = await anonymous.get(`/fr/prizes/${YEAR}/integrity`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Rapport d’intégrité\u00a0: Prix du SMSI 2042</h1>');
    expect(page.body).toContain('<caption>Votes invalidés par motif</caption>');
    expect(page.body).toContain('Accounts made for the vote');
    expect((await anonymous.get('/en/prizes/abcd/integrity')).statusCode).toBe(404);
    expect((await anonymous.get('/api/v1/prizes/editions/1850/integrity')).statusCode).toBe(400);
  });
});
