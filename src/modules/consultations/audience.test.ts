import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { findOrganizationsOfUser } from '../accounts/queries.js';
import { memberships, organizations } from '../accounts/tables.js';
import { audienceRefusal } from './answering/rules.js';
import { findLetterRecipients } from './exports/queries.js';
import { AUDIENCES, unsubscribes } from './tables.js';
import { actorOf } from './exports/test-helpers.js';

/** Who may answer a consultation is who its circular letter goes to: one rule (audience.ts). */
let kit: TestKit;
const people: { name: string; id: number; email: string; roles: Role[] }[] = [];

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const [ngo] = await db.insert(organizations).values({ name: 'Rural Connect', stakeholderType: 'civil-society', country: 'SN' }).returning();
  const [ministry] = await db.insert(organizations).values({ name: 'Ministry of ICT', stakeholderType: 'government', country: 'KE' }).returning();
  if (!ngo || !ministry) throw new Error('no organization');
  const add = async (name: string, roles: Role[], orgs: number[], options: { verified?: boolean; status?: 'active' | 'suspended' } = {}) => {
    const user = await buildUser(db, { roles, ...options });
    for (const organizationId of orgs) await db.insert(memberships).values({ organizationId, userId: user.id, role: 'member' });
    people.push({ name, id: user.id, email: user.email, roles });
    return user;
  };
  await add('alone', [], []);
  await add('ngo member', [], [ngo.id]);
  await add('ministry member', [], [ministry.id]);
  await add('both', [], [ngo.id, ministry.id]);
  await add('cwg', ['cwg-member'], []);
  await add('admin', ['admin'], []);
  await add('unverified ministry member', [], [ministry.id], { verified: false });
  await add('suspended cwg', ['cwg-member'], [], { status: 'suspended' });
  const gone = await add('unsubscribed ministry member', [], [ministry.id]);
  await db.insert(unsubscribes).values({ email: gone.email.toLowerCase() });
}, 180_000);
afterAll(async () => kit.close());

describe('the audience of a consultation', () => {
  it.each(AUDIENCES)('%s: the letter goes to exactly those who may answer (active, verified, not unsubscribed)', async (audience) => {
    const db = kit.database.db;
    const recipients = new Set((await findLetterRecipients(db, { audience })).map((r) => r.userId));
    for (const p of people) {
      const reachable = !['unverified ministry member', 'suspended cwg', 'unsubscribed ministry member'].includes(p.name);
      const mayAnswer = audienceRefusal({ audience }, actorOf(p, p.roles), await findOrganizationsOfUser(db, p.id)) === null;
      expect({ who: p.name, receives: recipients.has(p.id) }).toEqual({ who: p.name, receives: reachable && mayAnswer });
    }
  });

  it('names the groups as the rule says: Member States are government members, the CWG includes administrators', async () => {
    const names = async (audience: (typeof AUDIENCES)[number]) => {
      const ids = new Set((await findLetterRecipients(kit.database.db, { audience })).map((r) => r.userId));
      return people.filter((p) => ids.has(p.id)).map((p) => p.name);
    };
    expect(await names('member-states')).toEqual(['ministry member', 'both']);
    expect(await names('stakeholders')).toEqual(['ngo member', 'ministry member', 'both']);
    expect(await names('cwg')).toEqual(['cwg', 'admin']);
    expect(await names('everyone')).toEqual(['alone', 'ngo member', 'ministry member', 'both', 'cwg', 'admin']);
  });
});
