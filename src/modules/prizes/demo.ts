/**
 * Demonstration editions on a first start: last year's, closed, with its winners and champions
 * (so results, badges and success stories can be seen), and this year's with the public vote
 * open and some of the demonstration entries as nominees, so the vote can be tried at once.
 */
import { users } from '../../core/auth/tables.js';
import type { Db } from '../../core/db/client.js';
import { findPrizeCategories } from '../reference/queries.js';
import { findEntries } from '../stocktaking/queries.js';
import { phaseColumns } from './phases.js';
import { categories, editions, nominations, results, votes } from './tables.js';

const DAY = 86_400_000;

export const demoPrizes = async (db: Db) => {
  const now = Date.now();
  const span = (from: number, to: number) => ({ start: new Date(now + from * DAY), end: new Date(now + to * DAY) });
  const [edition] = await db
    .insert(editions)
    .values({
      year: new Date(now).getUTCFullYear(),
      ...phaseColumns({ submission: span(-60, -40), validation: span(-40, -21), voting: span(-21, 21), selection: span(21, 45), announcement: span(45, 60) }),
      summaryMinWords: 5,
      rules: {
        ar: 'هذه دورة **تجريبية** أُنشئت عند التشغيل الأول للمنصة.',
        en: 'This is a **demonstration** edition, created on the first start of the platform.',
        es: 'Esta es una edición de **demostración**, creada en el primer inicio de la plataforma.',
        fr: 'Ceci est une édition de **démonstration**, créée au premier démarrage de la plateforme.',
        ru: 'Это **демонстрационный** цикл, созданный при первом запуске платформы.',
        zh: '这是一届**演示**评选，在平台首次启动时创建。',
      },
    })
    .onConflictDoNothing()
    .returning();
  if (!edition) return;
  const reference = await findPrizeCategories(db);
  if (reference.length > 0) await db.insert(categories).values(reference.map((c) => ({ editionId: edition.id, number: c.number, actionLine: c.actionLine, title: c.title })));
  const byLine = new Map(reference.map((c) => [c.actionLine, c.number]));
  const { items } = await findEntries(db, { actor: null, locale: 'en', pageSize: 50, sort: 'newest' });
  const rows = items
    .filter((e) => e.isDemo)
    .flatMap((e) => {
      const category = e.actionLines.map((l) => byLine.get(l)).find((n) => n !== undefined);
      return category === undefined
        ? []
        : [{ editionId: edition.id, categoryNumber: category, entryId: e.id, organizationId: e.organizationId, state: 'accepted' as const, decidedAt: new Date(now - 30 * DAY) }];
    });
  if (rows.length > 0) await db.insert(nominations).values(rows).onConflictDoNothing();
  await demoPastEdition(db, { now, entries: items.filter((e) => e.isDemo), byLine, reference });
};

/**
 * Last year's edition, closed: in each category with demonstration entries, public votes, then a
 * winner and champions that are the nominees the vote put first (the results page and the stories
 * tell the same story: without votes the results showed 0 votes beside announced winners).
 */
const demoPastEdition = async (
  db: Db,
  {
    now,
    entries,
    byLine,
    reference,
  }: {
    now: number;
    entries: Awaited<ReturnType<typeof findEntries>>['items'];
    byLine: Map<string, number>;
    reference: Awaited<ReturnType<typeof findPrizeCategories>>;
  },
) => {
  const span = (from: number, to: number) => ({ start: new Date(now + from * DAY), end: new Date(now + to * DAY) });
  const [past] = await db
    .insert(editions)
    .values({
      year: new Date(now).getUTCFullYear() - 1,
      ...phaseColumns({ submission: span(-420, -400), validation: span(-400, -380), voting: span(-380, -350), selection: span(-350, -320), announcement: span(-320, -300) }),
      summaryMinWords: 5,
      rules: {
        ar: 'دورة **تجريبية** مُختتمة، بفائزيها وأبطالها.',
        en: 'A **demonstration** edition, closed, with its winners and champions.',
        es: 'Una edición de **demostración**, cerrada, con sus ganadores y campeones.',
        fr: 'Une édition de **démonstration**, close, avec ses lauréats et ses champions.',
        ru: '**Демонстрационный** цикл, завершённый, с его победителями и чемпионами.',
        zh: '一届已结束的**演示**评选，附其获奖者和优胜者。',
      },
    })
    .onConflictDoNothing()
    .returning();
  if (!past) return;
  if (reference.length > 0) await db.insert(categories).values(reference.map((c) => ({ editionId: past.id, number: c.number, actionLine: c.actionLine, title: c.title })));
  const byCategory = new Map<number, number[]>();
  for (const e of entries) {
    const category = e.actionLines.map((l) => byLine.get(l)).find((n) => n !== undefined);
    if (category !== undefined) byCategory.set(category, [...(byCategory.get(category) ?? []), e.id]);
  }
  // Nominee k of n gets 2·(n − k) votes: the first is ahead, each voter votes once per category.
  const votesFor = (n: number) => Array.from({ length: n }, (_, k) => 2 * (n - k));
  const voterCount = Math.max(0, ...[...byCategory.values()].map((ids) => votesFor(ids.length).reduce((a, b) => a + b, 0)));
  // Voters who cannot sign in (no password matches '!', the address is reserved), registered before the vote opened.
  const voters =
    voterCount === 0
      ? []
      : await db
          .insert(users)
          .values(
            Array.from({ length: voterCount }, (_, i) => ({
              email: `demo-voter-${past.year}-${i + 1}@example.invalid`,
              name: `Demo voter ${i + 1}`,
              passwordHash: '!',
              emailVerifiedAt: new Date(now - 400 * DAY),
              createdAt: new Date(now - 400 * DAY),
            })),
          )
          .onConflictDoNothing()
          .returning({ id: users.id });
  for (const [category, ids] of byCategory) {
    const inserted = await db
      .insert(nominations)
      .values(ids.map((entryId) => ({ editionId: past.id, categoryNumber: category, entryId, state: 'accepted' as const, decidedAt: new Date(now - 390 * DAY) })))
      .returning({ id: nominations.id });
    const ballots = inserted.flatMap((n, k) => Array.from({ length: votesFor(inserted.length)[k] ?? 0 }, () => n.id));
    const cast = ballots.flatMap((nominationId, i) => {
      const voter = voters[i];
      return voter ? [{ editionId: past.id, categoryNumber: category, nominationId, voterId: voter.id, castAt: new Date(now - 370 * DAY) }] : [];
    });
    if (cast.length > 0) await db.insert(votes).values(cast);
    await db.insert(results).values(
      inserted.slice(0, 5).map((n, i) => ({
        editionId: past.id,
        categoryNumber: category,
        nominationId: n.id,
        rank: i === 0 ? ('winner' as const) : ('champion' as const),
        confirmedAt: new Date(now - 330 * DAY),
      })),
    );
  }
};
