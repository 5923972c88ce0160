/**
 * The accounts module's commands of the `wsis` program: `wsis user add`, `wsis user role` and
 * `wsis token create`, for the first administrator of a PostgreSQL installation, scripted set-ups
 * and recovering lost admin access. Every change writes an audit row (actor null: the operator
 * of the machine). Roles and tokens go through the same commands as the web pages.
 */
import { isUniqueViolation } from '../../core/db/errors.js';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Command } from 'commander';
import { recordAction } from '../../core/audit/record.js';
import { hashPassword, isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../core/auth/passwords.js';
import { userRoles, users } from '../../core/auth/tables.js';
import { CliError, configFrom, type DataOption, say, withDatabase, withDataOption } from '../../core/cli/common.js';
import type { Db } from '../../core/db/client.js';
import { isRole, ROLES, type Role } from '../../core/permissions/index.js';
import { createApiToken } from './commands/create-api-token.js';
import { setRole } from './commands/manage-roles.js';
import { findUserByEmail } from './queries.js';

export type AddUserInput = { email: string; password: string; name?: string; roles?: string[]; verified?: boolean };
export type AddUserResult = { ok: true; user: { id: number; email: string; name: string; roles: Role[] } } | { ok: false; error: string };

const emailSchema = z.email();

/** Why a password is refused, or null when it is acceptable. */
export const passwordProblem = (password: string): string | null => {
  if (password.length < PASSWORD_MIN_LENGTH) return `the password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `the password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommonPassword(password)) return 'this password is among the most common ones; choose another';
  return null;
};

/** Why a list of role names is refused, or null. */
const rolesProblem = (roles: string[]) => {
  const unknown = roles.filter((r) => !isRole(r));
  return unknown.length ? `unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})` : null;
};

/**
 * Creates an account (validated like the registration form) with the given roles; audited as
 * 'accounts.user.create'. Duplicates, compared without letter case, are refused.
 */
export const addUser = async (db: Db, input: AddUserInput): Promise<AddUserResult> => {
  const email = input.email.trim();
  if (!emailSchema.safeParse(email).success) return { ok: false, error: `"${input.email}" is not a valid e-mail address` };
  const weak = passwordProblem(input.password);
  if (weak) return { ok: false, error: weak };
  const requested = [...new Set(input.roles ?? [])];
  const badRoles = rolesProblem(requested);
  if (badRoles) return { ok: false, error: badRoles };
  // Every account is a contributor without a row (see getActorById).
  const roles = requested.filter(isRole).filter((r) => r !== 'contributor');
  const name = input.name?.trim() || email.slice(0, email.indexOf('@'));
  if (await findUserByEmail(db, email)) return { ok: false, error: `a user with the e-mail address ${email} already exists` };

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, name, passwordHash, emailVerifiedAt: input.verified ? new Date() : null })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error('user not created');
      for (const role of roles) await tx.insert(userRoles).values({ userId: user.id, role });
      await recordAction(tx, {
        actor: null,
        action: 'accounts.user.create',
        subjectType: 'user',
        subjectId: user.id,
        after: { email, name, roles, verified: Boolean(input.verified), via: 'cli' },
      });
      return { ok: true as const, user: { ...user, roles } };
    });
  } catch (error) {
    // Another process created the same address between the check and the insert.
    if (isUniqueViolation(error)) return { ok: false, error: `a user with the e-mail address ${email} already exists` };
    throw error;
  }
};

export type ChangeUserRoleInput = { email: string; add?: string; remove?: string };
export type ChangeUserRoleResult = { ok: true; changed: boolean; roles: string[] } | { ok: false; error: string };

/** Grants or revokes one role through the accounts command (the last administrator keeps the role). */
export const changeUserRole = async (db: Db, input: ChangeUserRoleInput): Promise<ChangeUserRoleResult> => {
  if ((input.add === undefined) === (input.remove === undefined)) return { ok: false, error: 'give exactly one of --add ROLE or --remove ROLE' };
  const role = (input.add ?? input.remove) as string;
  const badRole = rolesProblem([role]);
  if (badRole || !isRole(role)) return { ok: false, error: badRole ?? `unknown role ${role}` };
  if (role === 'contributor') return { ok: false, error: 'every account is a contributor; that role cannot be granted or revoked' };
  const user = await findUserByEmail(db, input.email.trim());
  if (!user) return { ok: false, error: `no user with the e-mail address ${input.email}` };
  const result = await setRole(db, { actor: null, userId: user.id, role, grant: input.add !== undefined });
  if (!result.ok) return { ok: false, error: result.error === 'last_admin' ? 'this is the last administrator; grant the role to someone else first' : result.error };
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role).sort();
  return { ok: true, changed: result.changed, roles };
};

export type CreateApiTokenResult = { ok: true; token: string; id: number; userId: number; label: string } | { ok: false; error: string };

/** Creates a personal API token for the account with this e-mail (the accounts command; audited). */
export const createApiTokenFor = async (db: Db, { email, label }: { email: string; label?: string }): Promise<CreateApiTokenResult> => {
  const name = (label ?? 'command line').trim();
  if (!name || name.length > 100) return { ok: false, error: 'the label must have 1 to 100 characters' };
  const user = await findUserByEmail(db, email.trim());
  if (!user) return { ok: false, error: `no user with the e-mail address ${email}` };
  if (user.status !== 'active') return { ok: false, error: `the account ${user.email} is suspended` };
  const result = await createApiToken(db, { userId: user.id, label: name, actor: null });
  return { ok: true, token: result.token, id: result.id, userId: user.id, label: name };
};

const collect = (value: string, previous: string[]) => [...previous, value];

export const registerAccountsCli = (program: Command) => {
  const user = program.command('user').description('manage user accounts');

  withDataOption(
    user
      .command('add')
      .description('create a user account')
      .requiredOption('--email <email>', 'e-mail address (unique, whatever the letter case)')
      .requiredOption('--password <password>', `password (at least ${PASSWORD_MIN_LENGTH} characters, not a common one)`)
      .option('--name <name>', 'display name (default: the part of the e-mail before @)')
      .option('--role <role>', `grant a role; repeat for several (${ROLES.filter((r) => r !== 'contributor').join(', ')})`, collect, [] as string[])
      .option('--verified', 'mark the e-mail address as verified', false),
  ).action(async (opts: DataOption & { email: string; password: string; name?: string; role: string[]; verified: boolean }) => {
    await withDatabase(configFrom(opts), { migrate: true }, async (database) => {
      const result = await addUser(database.db, { email: opts.email, password: opts.password, name: opts.name, roles: opts.role, verified: opts.verified });
      if (!result.ok) throw new CliError(result.error);
      const roles = result.user.roles.length ? result.user.roles.join(', ') : 'contributor only';
      process.stdout.write(`Created user #${result.user.id} ${result.user.email} (${result.user.name}; roles: ${roles}).\n`);
    });
  });

  withDataOption(
    user
      .command('role')
      .description('grant or revoke a role')
      .requiredOption('--email <email>', 'e-mail address of the account')
      .option('--add <role>', `role to grant (${ROLES.filter((r) => r !== 'contributor').join(', ')})`)
      .option('--remove <role>', 'role to revoke'),
  ).action(async (opts: DataOption & { email: string; add?: string; remove?: string }) => {
    await withDatabase(configFrom(opts), { migrate: true }, async (database) => {
      const result = await changeUserRole(database.db, { email: opts.email, add: opts.add, remove: opts.remove });
      if (!result.ok) throw new CliError(result.error);
      const roles = result.roles.length ? result.roles.join(', ') : 'contributor only';
      if (!result.changed) say(`Nothing to change: ${opts.email} ${opts.add ? 'already has' : 'does not have'} the role ${opts.add ?? opts.remove}.`);
      process.stdout.write(`${opts.email}: roles ${roles}.\n`);
    });
  });
  const token = program.command('token').description('manage personal API tokens');
  withDataOption(
    token
      .command('create')
      .description('create a personal API token; prints only the token on stdout (shown once)')
      .requiredOption('--email <email>', 'e-mail address of the account the token acts for')
      .option('--label <label>', 'what the token is for (shown in the account page)', 'command line'),
  ).action(async (opts: DataOption & { email: string; label: string }) => {
    await withDatabase(configFrom(opts), { migrate: true }, async (database) => {
      const result = await createApiTokenFor(database.db, { email: opts.email, label: opts.label });
      if (!result.ok) throw new CliError(result.error);
      say(`Created API token #${result.id} "${result.label}" for ${opts.email}. It is shown only once; send it as "Authorization: Bearer <token>".`);
      process.stdout.write(`${result.token}\n`);
    });
  });
};
