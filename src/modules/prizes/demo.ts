/**
 * Demonstration editions on a first start: last year's, closed, with its winners and champions
 * (so results, badges and success stories can be seen), and this year's with the public vote
 * open and some of the demonstration entries as nominees, so the vote can be tried at once.
 */
import type { Db } from '../../core/db/client.js';
import { findPrizeCategories } from '../reference/queries.js';
import { findEntries } from '../stocktaking/queries.js';
import { phaseColumns } from './phases.js';
import { categories, editions, nominations, results } from './tables.js';

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

/** Last year's edition, closed: in each category with demonstration entries, a winner and champions. */
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
  for (const [category, ids] of byCategory) {
    const inserted = await db
      .insert(nominations)
      .values(ids.map((entryId) => ({ editionId: past.id, categoryNumber: category, entryId, state: 'accepted' as const, decidedAt: new Date(now - 390 * DAY) })))
      .returning({ id: nominations.id });
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
