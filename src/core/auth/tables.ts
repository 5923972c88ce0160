import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** People with an account. E-mail is unique regardless of case. */
export const users = pgTable(
  'auth_users',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    locale: text().notNull().default('en'),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    status: text({ enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
    /** E-mail for notifications: each at once, a daily digest, or none (core/notifications). */
    notificationEmail: text({ enum: ['immediate', 'daily', 'none'] })
      .notNull()
      .default('immediate'),
  },
  (t) => [uniqueIndex('auth_users_email_lower_idx').on(sql`lower(${t.email})`)],
);

/** Roles granted to a user; every registered user is also a contributor without a row. */
export const userRoles = pgTable(
  'auth_user_roles',
  {
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'auth_sessions',
  {
    idHash: text().primaryKey(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    userAgent: text(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/** Personal API tokens, accepted as `Authorization: Bearer …`; stored hashed, revocable. */
export const apiTokens = pgTable(
  'auth_api_tokens',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('auth_api_tokens_user_idx').on(t.userId)],
);

/** One-time links sent by e-mail: verify an address, reset a password, confirm a new address. */
export const emailTokens = pgTable(
  'auth_email_tokens',
  {
    tokenHash: text().primaryKey(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text({ enum: ['verify-email', 'reset-password', 'change-email'] }).notNull(),
    newEmail: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_email_tokens_user_idx').on(t.userId)],
);

/** Fixed-window counters behind every rate limit, shared by all app processes. */
export const rateLimits = pgTable('core_rate_limits', {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});

/** Platform settings that must be shared by every process (e.g. the cookie secret). */
export const settings = pgTable('core_settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
