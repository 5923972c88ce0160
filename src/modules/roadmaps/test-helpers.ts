/** Set-up shared by the roadmaps' tests: actors with roles, as the commands take them. */
import type { DbOrTx } from '../../core/db/client.js';
import type { Role } from '../../core/permissions/index.js';
import { buildActor as buildTestActor, succeeded } from '../../test/factories.js';

/** A user with `roles` and the Actor the commands take. */
export const buildActor = (db: DbOrTx, roles: Role[] = ['secretariat'], email?: string) => buildTestActor(db, roles, { email });

/** The result of a command that must have succeeded. */
export { succeeded as ok };
