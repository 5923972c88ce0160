import { describe, expect, it } from 'vitest';
import { type Actor, can, type Role } from '../../core/permissions/index.js';
import type { EntrySubject } from './permissions.js';
import './permissions.js';
import type { EntryState } from './tables.js';

const actor = (id: number, roles: Role[] = [], { verified = true }: { verified?: boolean } = {}): Actor => ({
  id,
  email: `u${id}@example.org`,
  name: `U${id}`,
  roles: ['contributor', ...roles],
  locale: 'en',
  emailVerified: verified,
  status: 'active',
});

const anonymous = null;
const submitter = actor(1);
const member = actor(2);
const stranger = actor(3);
const moderator = actor(4, ['moderator']);
const admin = actor(5, ['admin']);
const unverifiedSubmitter = actor(1, [], { verified: false });

const entry = (state: EntryState, isMember = false): EntrySubject => ({ entry: { state, submitterId: 1, organizationId: 10 }, isMember });

describe('stocktaking abilities', () => {
  it.each([
    ['entry.view', anonymous, entry('published'), true],
    ['entry.view', anonymous, entry('draft'), false],
    ['entry.view', stranger, entry('submitted'), false],
    ['entry.view', submitter, entry('draft'), true],
    ['entry.view', member, entry('returned', true), true],
    ['entry.view', moderator, entry('submitted'), true],
    ['entry.view', admin, entry('rejected'), true],
    ['entry.view_unpublished', anonymous, entry('published'), false],
    ['entry.view_unpublished', stranger, entry('published'), false],
    ['entry.view_unpublished', submitter, entry('published'), true],
    ['entry.view_unpublished', member, entry('published', true), true],
    ['entry.view_unpublished', moderator, entry('published'), true],
    ['entry.view_unpublished', admin, entry('draft'), true],
    ['entry.create', anonymous, undefined, false],
    ['entry.create', unverifiedSubmitter, undefined, false],
    ['entry.create', stranger, undefined, true],
    ['entry.edit', submitter, entry('draft'), true],
    ['entry.edit', submitter, entry('published'), true],
    ['entry.edit', member, entry('returned', true), true],
    ['entry.edit', submitter, entry('rejected'), false],
    ['entry.edit', stranger, entry('draft'), false],
    ['entry.edit', moderator, entry('draft'), false],
    ['entry.edit', unverifiedSubmitter, entry('draft'), false],
    ['entry.submit', submitter, entry('draft'), true],
    ['entry.submit', member, entry('returned', true), true],
    ['entry.submit', submitter, entry('submitted'), false],
    ['entry.submit', submitter, entry('published'), false],
    ['entry.submit', stranger, entry('draft'), false],
    ['entry.moderate', submitter, entry('submitted'), false],
    ['entry.moderate', anonymous, entry('submitted'), false],
    ['entry.moderate', moderator, entry('submitted'), true],
    ['entry.moderate', admin, entry('submitted'), true],
  ] as const)('stocktaking.%s for %o on %o → %s', (ability, who, subject, expected) => {
    expect(can(who, `stocktaking.${ability}`, subject)).toBe(expected);
  });

  it('does not treat an entry without organization as shared with every member of nothing', () => {
    expect(can(stranger, 'stocktaking.entry.edit', { entry: { state: 'draft', submitterId: 1, organizationId: null }, isMember: true })).toBe(false);
  });

  it('denies an ability nobody declared', () => {
    expect(can(admin, 'stocktaking.entry.teleport')).toBe(false);
  });
});
