/** Set-up shared by management's tests: a secretariat actor and a meeting's input around now. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Role } from '../../../core/permissions/index.js';
import { buildActor as buildTestActor } from '../../../test/factories.js';
import { meetingGroups } from '../tables.js';
import type { MeetingInput } from './inputs.js';

export const DAY = 86_400_000;

/** A user with `roles` and the Actor the commands take. */
export const buildActor = (db: DbOrTx, roles: Role[] = ['secretariat'], email?: string) => buildTestActor(db, roles, { email });

export const cwgId = async (db: DbOrTx) => {
  const [group] = await db.select().from(meetingGroups).where(eq(meetingGroups.code, 'CWG-WSIS&SDG'));
  if (!group) throw new Error('the CWG group is not seeded');
  return group.id;
};

/** A public meeting of the CWG `inDays` days from now (09:30 to 17:30 UTC the next day). */
export const meetingInputAround = (groupId: number, number: number, { inDays = 30, ...overrides }: Partial<MeetingInput> & { inDays?: number } = {}): MeetingInput => {
  const day = new Date(Date.now() + inDays * DAY).toISOString().slice(0, 10);
  return {
    groupId,
    number,
    title: { en: `Meeting ${number} of the CWG`, fr: `Réunion ${number} du GTC` },
    startsAt: `${day}T09:30:00.000Z`,
    endsAt: new Date(Date.parse(`${day}T17:30:00.000Z`) + DAY).toISOString(),
    timeZone: 'Europe/Zurich',
    place: { en: 'Geneva', fr: 'Genève' },
    onlineUrl: null,
    chair: 'Ms Chair',
    viceChairs: [],
    access: 'public',
    contributionsDeadline: null,
    actionLines: [],
    ...overrides,
  };
};
