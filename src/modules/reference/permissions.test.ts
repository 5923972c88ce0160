import { describe, expect, it } from 'vitest';
import { type Actor, can, type Role } from '../../core/permissions/index.js';
import './permissions.js';

const actor = (roles: Role[], status: Actor['status'] = 'active'): Actor => ({
  id: 1,
  email: 'someone@example.org',
  name: 'Someone',
  roles: ['contributor', ...roles],
  locale: 'en',
  emailVerified: true,
  status,
});

describe('reference abilities', () => {
  it.each<[string, Actor | null, boolean]>([
    ['a visitor', null, false],
    ['a contributor', actor([]), false],
    ['a moderator', actor(['moderator']), false],
    ['a prize manager', actor(['prize-manager']), false],
    ['an expert', actor(['expert']), false],
    ['a focal point', actor(['focal-point']), false],
    ['a CWG member', actor(['cwg-member']), false],
    ['an administrator', actor(['admin']), true],
    ['a suspended administrator', actor(['admin'], 'suspended'), false],
  ])('reference.matrix.edit for %s → %s', (_who, who, expected) => {
    expect(can(who, 'reference.matrix.edit')).toBe(expected);
  });

  it('denies an ability the module does not declare', () => {
    expect(can(actor(['admin']), 'reference.matrix.destroy')).toBe(false);
  });
});
