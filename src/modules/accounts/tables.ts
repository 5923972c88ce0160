import { bigint, boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';

export const STAKEHOLDER_TYPES = ['government', 'private-sector', 'civil-society', 'international-organization', 'academia', 'other'] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

/** Organizations that stakeholders act for. */
export const organizations = pgTable(
  'accounts_organizations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    acronym: text(),
    stakeholderType: text({ enum: STAKEHOLDER_TYPES }).notNull(),
    country: text().notNull(),
    website: text(),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_organizations_name_idx').on(t.name)],
);

/** Who belongs to which organization; `manager` may edit the organization and its members. */
export const memberships = pgTable(
  'accounts_memberships',
  {
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: ['member', 'manager'] })
      .notNull()
      .default('member'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index('accounts_memberships_user_idx').on(t.userId)],
);
