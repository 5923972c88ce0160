import { defineAbilities, hasRole, type MaybeActor } from '../../core/permissions/index.js';

/** The back office's own pages. Anything not listed is denied. */
export const adminAbilities = defineAbilities('admin', {
  // The dashboard lists what the actor may manage; it is open to every back-office role.
  'dashboard.view': (actor: MaybeActor) => ['admin', 'moderator', 'prize-manager', 'focal-point'].some((r) => hasRole(actor, r as 'admin')),
  'audit.view': (actor: MaybeActor) => hasRole(actor, 'admin'),
  'mailbox.view': (actor: MaybeActor) => hasRole(actor, 'admin'),
  'mailbox.retry': (actor: MaybeActor) => hasRole(actor, 'admin'),
  'jobs.view': (actor: MaybeActor) => hasRole(actor, 'admin'),
  'jobs.retry': (actor: MaybeActor) => hasRole(actor, 'admin'),
});
