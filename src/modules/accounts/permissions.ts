import { defineAbilities, hasRole, isSignedIn, isVerified, type MaybeActor } from '../../core/permissions/index.js';

type OrganizationSubject = { membershipRole?: 'member' | 'manager' | null };

/** Who may do what with accounts and organizations. Anything not listed is denied. */
export const accountsAbilities = defineAbilities('accounts', {
  // Anyone signed in manages their own account.
  'account.view': (actor: MaybeActor) => isSignedIn(actor),
  'account.edit': (actor: MaybeActor) => isSignedIn(actor),
  // Organizations are created by people who proved their e-mail address.
  'organization.create': (actor: MaybeActor) => isVerified(actor),
  'organization.view': () => true,
  'organization.manage': (actor: MaybeActor, s: OrganizationSubject) => hasRole(actor, 'admin') || (isSignedIn(actor) && s?.membershipRole === 'manager'),
  'organization.view_members': (actor: MaybeActor, s: OrganizationSubject) => hasRole(actor, 'admin') || (isSignedIn(actor) && Boolean(s?.membershipRole)),
  // Back office.
  'user.manage': (actor: MaybeActor) => hasRole(actor, 'admin'),
});
