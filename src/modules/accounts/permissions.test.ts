import { describe, expect, it } from 'vitest';
import { type Actor, can, type Role } from '../../core/permissions/index.js';
import './permissions.js';

const actor = (roles: Role[], { verified = true, status = 'active' }: { verified?: boolean; status?: Actor['status'] } = {}): Actor => ({
  id: 1,
  email: 'a@example.org',
  name: 'A',
  roles: ['contributor', ...roles],
  locale: 'en',
  emailVerified: verified,
  status,
});

const anonymous = null;
const contributor = actor([]);
const unverified = actor([], { verified: false });
const suspendedAdmin = actor(['admin'], { status: 'suspended' });
const admin = actor(['admin']);
const moderator = actor(['moderator']);

describe('accounts abilities', () => {
  it.each([
    ['accounts.account.view', anonymous, undefined, false],
    ['accounts.account.view', contributor, undefined, true],
    ['accounts.account.edit', unverified, undefined, true],
    ['accounts.organization.create', anonymous, undefined, false],
    ['accounts.organization.create', unverified, undefined, false],
    ['accounts.organization.create', contributor, undefined, true],
    ['accounts.organization.view', anonymous, undefined, true],
    ['accounts.organization.manage', contributor, { membershipRole: null }, false],
    ['accounts.organization.manage', contributor, { membershipRole: 'member' }, false],
    ['accounts.organization.manage', contributor, { membershipRole: 'manager' }, true],
    ['accounts.organization.manage', admin, { membershipRole: null }, true],
    ['accounts.organization.view_members', contributor, { membershipRole: 'member' }, true],
    ['accounts.organization.view_members', anonymous, { membershipRole: null }, false],
    ['accounts.user.manage', moderator, undefined, false],
    ['accounts.user.manage', admin, undefined, true],
    ['accounts.user.manage', suspendedAdmin, undefined, false],
  ] as const)('%s for %o on %o → %s', (ability, who, subject, expected) => {
    expect(can(who, ability, subject)).toBe(expected);
  });

  it('denies an ability nobody declared', () => {
    expect(can(admin, 'accounts.user.teleport')).toBe(false);
  });
});
