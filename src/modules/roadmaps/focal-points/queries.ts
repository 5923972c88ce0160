/** Reads of focal points: a person's serving appointment on a line, the secretariat's list, the public list of those serving. */
import { and, asc, desc, eq, exists, gt, isNull, lte, or } from 'drizzle-orm';
import { userRoles, users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { today } from '../queries.js';
import { focalPoints } from '../tables.js';

/** A person's appointment on a line that has not ended, if any. */
export const findServingAppointment = async (db: DbOrTx, { userId, actionLine }: { userId: number; actionLine: string }) =>
  (
    await db
      .select()
      .from(focalPoints)
      .where(and(eq(focalPoints.userId, userId), eq(focalPoints.actionLine, actionLine), isNull(focalPoints.endedOn)))
  )[0];

const holdsRole = (db: DbOrTx) =>
  exists(
    db
      .select({ one: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.userId, focalPoints.userId), or(eq(userRoles.role, 'focal-point'), eq(userRoles.role, 'admin')))),
  );

/** Every appointment, serving first, with the person's name and e-mail and whether they hold the role `focal-point`. For the secretariat. */
export const findAppointments = async (db: DbOrTx) =>
  db
    .select({
      id: focalPoints.id,
      actionLine: focalPoints.actionLine,
      bureau: focalPoints.bureau,
      appointedOn: focalPoints.appointedOn,
      endedOn: focalPoints.endedOn,
      userId: focalPoints.userId,
      name: users.name,
      email: users.email,
      hasRole: holdsRole(db),
    })
    .from(focalPoints)
    .innerJoin(users, eq(users.id, focalPoints.userId))
    .orderBy(asc(focalPoints.endedOn), asc(focalPoints.actionLine), desc(focalPoints.appointedOn));
export type Appointment = Awaited<ReturnType<typeof findAppointments>>[number];

/** The focal points serving today, by action line: name and bureau only (public information). */
export const findCurrentFocalPoints = async (db: DbOrTx, now = new Date()) => {
  const day = today(now);
  return db
    .select({ actionLine: focalPoints.actionLine, bureau: focalPoints.bureau, name: users.name, appointedOn: focalPoints.appointedOn })
    .from(focalPoints)
    .innerJoin(users, eq(users.id, focalPoints.userId))
    .where(and(lte(focalPoints.appointedOn, day), or(isNull(focalPoints.endedOn), gt(focalPoints.endedOn, day))))
    .orderBy(asc(focalPoints.actionLine), asc(users.name));
};
export type CurrentFocalPoint = Awaited<ReturnType<typeof findCurrentFocalPoints>>[number];

/** Whether a person holds the role `focal-point` (or admin), without which an appointment lets them edit nothing. */
export const holdsFocalPointRole = async (db: DbOrTx, userId: number) =>
  (
    await db
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), or(eq(userRoles.role, 'focal-point'), eq(userRoles.role, 'admin'))))
  ).length > 0;
