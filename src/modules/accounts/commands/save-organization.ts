import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findCountries } from '../../reference/queries.js';
import type { OrganizationInput } from '../inputs.js';
import { memberships, organizations } from '../tables.js';

export type SaveOrganizationResult = { ok: true; id: number } | { ok: false; error: 'unknown_country' | 'not_found' };

/**
 * Creates an organization with the actor as its manager (assumes 'accounts.organization.create'),
 * or updates one (assumes 'accounts.organization.manage' on it).
 */
export const saveOrganization = async (db: Db, { actor, input, id }: { actor: Actor; input: OrganizationInput; id?: number }): Promise<SaveOrganizationResult> =>
  db.transaction(async (tx) => {
    if (!(await findCountries(tx)).some((c) => c.code === input.country)) return { ok: false, error: 'unknown_country' } as const;
    if (id === undefined) {
      const [row] = await tx.insert(organizations).values(input).returning();
      if (!row) throw new Error('insert failed');
      await tx.insert(memberships).values({ organizationId: row.id, userId: actor.id, role: 'manager' });
      await recordAction(tx, { actor, action: 'accounts.organization.create', subjectType: 'organization', subjectId: row.id, after: input });
      return { ok: true, id: row.id } as const;
    }
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id));
    if (!before) return { ok: false, error: 'not_found' } as const;
    await tx
      .update(organizations)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(organizations.id, id));
    await recordAction(tx, { actor, action: 'accounts.organization.manage', subjectType: 'organization', subjectId: id, before, after: input });
    return { ok: true, id } as const;
  });
