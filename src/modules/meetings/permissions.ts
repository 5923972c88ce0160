import { defineAbilities, hasRole, isVerified, type MaybeActor } from '../../core/permissions/index.js';

/** Who may do what with meetings and documents. Anything not listed is denied. */
export const meetingsAbilities = defineAbilities('meetings', {
  // The CWG secretariat (role secretariat; administrators) plans meetings, their agenda and summary.
  'meeting.manage': (actor: MaybeActor) => hasRole(actor, 'secretariat'),
  // The secretariat registers documents (allocating their symbols), publishes, withdraws, uploads language versions.
  'document.register': (actor: MaybeActor) => hasRole(actor, 'secretariat'),
  // Members-only meetings and their documents: CWG members and the secretariat.
  'meeting.see_members_only': (actor: MaybeActor) => hasRole(actor, 'cwg-member') || hasRole(actor, 'secretariat'),
  // Submitting a contribution: a verified CWG member, or a verified member of a Member State's
  // delegation (checked against the organization in contributions/); the secretariat too.
  'contribution.submit': (actor: MaybeActor) => isVerified(actor),
  // Following a meeting (an e-mail when one of its documents is published): anyone signed in with a verified address.
  'meeting.follow': (actor: MaybeActor) => isVerified(actor),
});
