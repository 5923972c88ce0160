import { defineAbilities, hasRole, isSignedIn, isVerified, type MaybeActor } from '../../core/permissions/index.js';
import type { EntryState } from './tables.js';

/** An entry as the rules see it, with whether the actor belongs to its organization. */
export type EntrySubject = {
  entry: { state: EntryState; submitterId: number | null; organizationId: number | null };
  isMember?: boolean;
};

/** NOTE: security-critical — the submitter, or a member of the entry's organization. */
const isOwner = (actor: MaybeActor, s: EntrySubject) =>
  isSignedIn(actor) && ((s.entry.submitterId !== null && s.entry.submitterId === actor.id) || (s.entry.organizationId !== null && s.isMember === true));

/** Who may do what with Stocktaking entries. Anything not listed is denied. */
export const stocktakingAbilities = defineAbilities('stocktaking', {
  // Published entries are public; the others only for their owners and the moderators.
  'entry.view': (actor: MaybeActor, s: EntrySubject) => s.entry.state === 'published' || isOwner(actor, s) || hasRole(actor, 'moderator'),
  // What is not published yet (a draft's content, a pending revision and their images): owners and moderators.
  'entry.view_unpublished': (actor: MaybeActor, s: EntrySubject) => isOwner(actor, s) || hasRole(actor, 'moderator'),
  // Contributors who proved their e-mail address submit activities.
  'entry.create': (actor: MaybeActor) => isVerified(actor),
  // A rejected entry is closed; editing a published one proposes a revision.
  'entry.edit': (actor: MaybeActor, s: EntrySubject) => isVerified(actor) && isOwner(actor, s) && s.entry.state !== 'rejected',
  'entry.submit': (actor: MaybeActor, s: EntrySubject) => isVerified(actor) && isOwner(actor, s) && (s.entry.state === 'draft' || s.entry.state === 'returned'),
  'entry.moderate': (actor: MaybeActor) => hasRole(actor, 'moderator'),
  // Moderators (and admins) import entries from a file: they are published in the importer's name.
  'entry.import': (actor: MaybeActor) => hasRole(actor, 'moderator'),
  // The yearly call for new and updated entries e-mails many owners: moderators open it.
  'call.open': (actor: MaybeActor) => hasRole(actor, 'moderator'),
  // Anyone signed in has a "my entries" page (empty until they submit).
  'entry.list_own': (actor: MaybeActor) => isSignedIn(actor),
});
