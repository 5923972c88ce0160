import { isUniqueViolation } from '../../../../core/db/errors.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findUserByEmail } from '../../../accounts/queries.js';
import { findActionLines } from '../../../reference/queries.js';
import { focalPoints } from '../../tables.js';
import type { AppointInput } from '../inputs.js';
import { findServingAppointment, holdsFocalPointRole } from '../queries.js';

export type AppointError = 'unknown_person' | 'unknown_action_line' | 'already_serving';
export type AppointResult = { ok: true; id: number; hasRole: boolean } | { ok: false; error: AppointError; field: string };

const FIELD: Record<AppointError, string> = { unknown_person: 'email', unknown_action_line: 'actionLine', already_serving: 'email' };
const refuse = (error: AppointError): AppointResult => ({ ok: false, error, field: FIELD[error] });

/**
 * Appoints a person (an account, found by e-mail) as focal point of a bureau for an action line
 * from a day. The appointment grants nothing by itself: editing also needs the role `focal-point`
 * (`hasRole` says whether the person holds it). Assumes 'roadmaps.roadmap.manage' was checked. Audited.
 */
export const appointFocalPoint = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: AppointInput; ip?: string }): Promise<AppointResult> => {
  try {
    return await db.transaction(async (tx) => {
      const person = await findUserByEmail(tx, input.email);
      if (!person) return refuse('unknown_person');
      if (!(await findActionLines(tx)).some((l) => l.code === input.actionLine)) return refuse('unknown_action_line');
      if (await findServingAppointment(tx, { userId: person.id, actionLine: input.actionLine })) return refuse('already_serving');
      const [row] = await tx
        .insert(focalPoints)
        .values({ userId: person.id, actionLine: input.actionLine, bureau: input.bureau, appointedOn: input.appointedOn })
        .returning({ id: focalPoints.id });
      if (!row) throw new Error('focal point not inserted');
      await recordAction(tx, {
        actor,
        action: 'roadmaps.roadmap.manage',
        subjectType: 'focal_point',
        subjectId: row.id,
        after: { userId: person.id, actionLine: input.actionLine, bureau: input.bureau, appointedOn: input.appointedOn },
        ip,
      });
      return { ok: true, id: row.id, hasRole: await holdsFocalPointRole(tx, person.id) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('already_serving');
    throw error;
  }
};
