/**
 * A demonstration edition on a first start: this year's WSIS Prizes with the public vote open,
 * and some of the demonstration entries as nominees, so the vote can be tried at once.
 */
import type { Db } from '../../core/db/client.js';
import { findPrizeCategories } from '../reference/queries.js';
import { findEntries } from '../stocktaking/queries.js';
import { phaseColumns } from './phases.js';
import { categories, editions, nominations } from './tables.js';

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
        en: 'This is a **demonstration** edition, created on the first start of the platform.',
        fr: 'Ceci est une édition de **démonstration**, créée au premier démarrage de la plateforme.',
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
};
