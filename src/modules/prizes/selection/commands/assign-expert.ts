import { and, eq, sql } from 'drizzle-orm';
import { userRoles, users } from '../../../../core/auth/tables.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { notify } from '../../../../core/notifications/notify.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { expertAssigned } from '../../notifications.js';
import { categories, editions, experts } from '../../tables.js';
import type { AssignExpertInput } from '../inputs.js';

export type AssignExpertResult =
  | { ok: true; userId: number }
  | { ok: false; error: 'edition_not_found' | 'category_not_found' | 'no_account' | 'not_an_expert' | 'already_assigned' | 'announced' };

/**
 * A prize manager assigns an expert to a category (assumes 'prizes.selection.assign'), any time
 * before the announcement. The account must already hold the `expert` role, which only an
 * administrator grants: a prize manager chooses among vetted experts but cannot make one.
 */
export const assignExpert = async (
  db: DbOrTx,
  { actor, year, input, now = new Date(), ip }: { actor: Actor; year: number; input: AssignExpertInput; now?: Date; ip?: string },
): Promise<AssignExpertResult> =>
  db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year));
    if (!edition) return { ok: false, error: 'edition_not_found' } as const;
    if (now.getTime() >= edition.announcementStart.getTime()) return { ok: false, error: 'announced' } as const;
    const [category] = await tx
      .select()
      .from(categories)
      .where(and(eq(categories.editionId, edition.id), eq(categories.number, input.category)));
    if (!category) return { ok: false, error: 'category_not_found' } as const;
    const [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (!user) return { ok: false, error: 'no_account' } as const;
    const [role] = await tx
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.userId, user.id), eq(userRoles.role, 'expert')));
    if (!role) return { ok: false, error: 'not_an_expert' } as const;
    const inserted = await tx.insert(experts).values({ editionId: edition.id, categoryNumber: input.category, userId: user.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) return { ok: false, error: 'already_assigned' } as const;
    await recordAction(tx, {
      actor,
      action: 'prizes.selection.assign',
      subjectType: 'prizes_expert',
      subjectId: user.id,
      after: { year, category: input.category, expert: user.id },
      ip,
    });
    // The expert learns of the assignment and of the scoring deadline.
    await notify(tx, expertAssigned, {
      to: [user.id],
      params: { year: String(year), category: input.category, deadline: { iso: edition.selectionEnd.toISOString() } },
      link: `/prizes/${year}/review`,
    });
    return { ok: true, userId: user.id } as const;
  });
