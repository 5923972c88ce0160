/** Set-up shared by the ledger's tests: actors, a roadmap task to allocate to, donors and rates. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor, Role } from '../../../core/permissions/index.js';
import { buildActor as buildTestActor } from '../../../test/factories.js';
import { createDonor } from './commands/save-donor.js';
import { setRate } from './commands/set-rates.js';

/** A user with `roles` and the Actor the commands take. */
export const buildActor = async (db: DbOrTx, roles: Role[] = ['treasurer']) => (await buildTestActor(db, roles)).actor;

/** A roadmap task (written straight into the roadmaps module's tables: tests compose freely). */
export const insertTask = async (db: DbOrTx, actionLine = 'C7') => {
  await db.execute(sql`insert into roadmaps (action_line) values (${actionLine}) on conflict (action_line) do nothing`);
  const { rows } = await db.execute<{ id: string }>(sql`
    insert into roadmaps_tasks (roadmap_id, title, owner_bureau, starts_on, deadline)
    select id, ${JSON.stringify({ en: `A task of ${actionLine}`, fr: `Une tâche de ${actionLine}` })}::jsonb, 'BDT', '2026-01-01', '2027-12-31' from roadmaps where action_line = ${actionLine}
    returning id::text`);
  return Number(rows[0]?.id);
};

export const ok = <T extends { ok: boolean }>(result: T): T & { ok: true } => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
};

/** A Member State donor and rates for USD, JPY and KWD in 2026. */
export const setUpLedger = async (db: DbOrTx, treasurer: Actor, country = 'CH') => {
  const donor = ok(await createDonor(db, { actor: treasurer, input: { kind: 'member-state', countryCode: country, organizationId: null, name: {} } })).id;
  for (const month of ['2026-03', '2026-04']) {
    for (const [currency, rate] of [
      ['USD', '0.885'],
      ['JPY', '0.0059'],
      ['KWD', '2.9'],
    ] as const) {
      ok(await setRate(db, { actor: treasurer, rate: { currency, month: `${month}-01`, chfPerUnit: rate } }));
    }
  }
  return { donor };
};
