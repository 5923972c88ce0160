/** Published entries of one organization (public), newest first, with counts per action line. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { entries } from '../tables.js';

export const ORGANIZATION_PAGE_SIZE = 25;

export const findOrganizationEntries = async (db: DbOrTx, { organizationId, page }: { organizationId: number; page: number }) => {
  const where = and(eq(entries.organizationId, organizationId), eq(entries.state, 'published'));
  const items = await db
    .select({
      id: entries.id,
      title: entries.title,
      summary: entries.summary,
      translations: entries.translations,
      actionLines: entries.actionLines,
      projectStatus: entries.projectStatus,
      leadCountry: entries.leadCountry,
      publishedAt: entries.publishedAt,
      isDemo: entries.isDemo,
      state: entries.state,
    })
    .from(entries)
    .where(where)
    .orderBy(sql`${entries.publishedAt} desc nulls last`, desc(entries.id))
    .limit(ORGANIZATION_PAGE_SIZE)
    .offset((page - 1) * ORGANIZATION_PAGE_SIZE);
  const [counted] = await db.select({ n: sql<number>`count(*)` }).from(entries).where(where);
  const byLine = await db.execute<{ value: string; count: string | number }>(
    sql`select v as value, count(*) as count from (select unnest(${entries.actionLines}) as v from ${entries} where ${where}) f group by v order by count(*) desc, v`,
  );
  return {
    items,
    total: Number(counted?.n ?? 0),
    actionLines: byLine.rows.map((r) => ({ value: r.value, count: Number(r.count) })),
  };
};
