import { defineAbilities, hasRole, type MaybeActor } from '../../core/permissions/index.js';

/** Who may do what with the calendar's own dates. Anything not listed is denied. */
export const calendarAbilities = defineAbilities('calendar', {
  // The secretariat keeps the calendar's own dates (forum editions, observances, report deadlines).
  'event.manage': (actor: MaybeActor) => hasRole(actor, 'secretariat'),
});
