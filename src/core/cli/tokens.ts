/**
 * `wsis token create`: a personal API token for an account, printed once on stdout (only the
 * token, so `TOKEN=$(wsis token create --email …)` works); the database keeps its SHA-256.
 */
import type { Command } from 'commander';
import { recordAction } from '../audit/record.js';
import { apiTokens } from '../auth/tables.js';
import { hashSecret, newApiToken } from '../auth/tokens.js';
import type { Db } from '../db/client.js';
import { CliError, configFrom, type DataOption, say, withDatabase, withDataOption } from './common.js';
import { findUserByEmail } from './users.js';

export type CreateApiTokenResult = { ok: true; token: string; id: number; userId: number; label: string } | { ok: false; error: string };

/** Creates a personal API token for the account with this e-mail; audited as 'accounts.token.create'. */
export const createApiToken = async (db: Db, { email, label }: { email: string; label?: string }): Promise<CreateApiTokenResult> => {
  const name = (label ?? 'command line').trim();
  if (!name || name.length > 100) return { ok: false, error: 'the label must have 1 to 100 characters' };
  return db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return { ok: false as const, error: `no user with the e-mail address ${email}` };
    if (user.status !== 'active') return { ok: false as const, error: `the account ${user.email} is suspended` };
    const token = newApiToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, label: name, tokenHash: hashSecret(token) })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error('token not created');
    await recordAction(tx, {
      actor: null,
      action: 'accounts.token.create',
      subjectType: 'api_token',
      subjectId: row.id,
      after: { userId: user.id, label: name, via: 'cli' },
    });
    return { ok: true as const, token, id: row.id, userId: user.id, label: name };
  });
};

export const registerTokenCommands = (program: Command) => {
  const token = program.command('token').description('manage personal API tokens');
  withDataOption(
    token
      .command('create')
      .description('create a personal API token; prints only the token on stdout (shown once)')
      .requiredOption('--email <email>', 'e-mail address of the account the token acts for')
      .option('--label <label>', 'what the token is for (shown in the account page)', 'command line'),
  ).action(async (opts: DataOption & { email: string; label: string }) => {
    await withDatabase(configFrom(opts), { migrate: true }, async (database) => {
      const result = await createApiToken(database.db, { email: opts.email, label: opts.label });
      if (!result.ok) throw new CliError(result.error);
      say(`Created API token #${result.id} "${result.label}" for ${opts.email}. It is shown only once; send it as "Authorization: Bearer <token>".`);
      process.stdout.write(`${result.token}\n`);
    });
  });
};
