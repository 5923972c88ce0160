/** Set-up shared by the tasks' tests: roadmap rows, focal points, people with roles, a task's input. */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Role } from '../../../core/permissions/index.js';
import { buildActor as buildTestActor } from '../../../test/factories.js';
import { focalPoints, roadmaps } from '../tables.js';
import type { TaskInput } from './inputs.js';
import { DAY_MS, dayOf } from './rules.js';

/** The roadmap rows of these lines (the versions folder's table, inserted directly), by line. */
export const insertRoadmaps = async (db: DbOrTx, lines: string[]) => {
  const rows = await db
    .insert(roadmaps)
    .values(lines.map((actionLine) => ({ actionLine })))
    .onConflictDoNothing()
    .returning();
  return Object.fromEntries(rows.map((r) => [r.actionLine, r.id]));
};

/** A user with `roles` (and a locale) and the Actor the commands take. */
export const buildActor = (db: DbOrTx, { roles = [], email, locale = 'en' }: { roles?: Role[]; email?: string; locale?: 'en' | 'es' | 'fr' | 'ar' | 'ru' | 'zh' } = {}) =>
  buildTestActor(db, roles, { email, locale });

/** A serving focal point of `line` (role and appointment). */
export const buildFocalPoint = async (db: DbOrTx, line: string, { email, locale }: { email?: string; locale?: 'en' | 'es' | 'fr' } = {}) => {
  const made = await buildActor(db, { roles: ['focal-point'], email, locale });
  await db.insert(focalPoints).values({ userId: made.user.id, actionLine: line, bureau: 'BDT', appointedOn: '2026-01-01' });
  return made;
};

export const dayFrom = (now: Date, days: number) => dayOf(new Date(now.getTime() + days * DAY_MS));

/** A valid task's input starting `startIn` days from `now` and due `dueIn` days from it. */
export const taskInputAround = (now: Date, { startIn = -30, dueIn = 60, ...overrides }: Partial<TaskInput> & { startIn?: number; dueIn?: number } = {}): TaskInput => ({
  title: { en: 'Broadband mapping for least developed countries', es: 'Cartografía de la banda ancha para los países menos adelantados' },
  description: {},
  ownerBureau: 'BDT',
  ownerUserId: null,
  startsOn: dayFrom(now, startIn),
  deadline: dayFrom(now, dueIn),
  status: 'on-track',
  outputId: null,
  sdgTargets: ['9.c'],
  connectTargets: ['1.1'],
  evidence: [],
  ...overrides,
});
