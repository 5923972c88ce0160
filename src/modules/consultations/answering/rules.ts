/**
 * Who may answer a consultation, for whom, and when (pure functions; the commands and the pages
 * ask them, so the form and the API refuse with the same sentence).
 */
import type { Actor } from '../../../core/permissions/index.js';
import { audienceRefusal as baseAudienceRefusal, type Membership } from '../audience.js';
import type { Consultation } from '../queries.js';

export type { Membership } from '../audience.js';

/** Why the actor is outside the consultation's audience (the one rule of audience.ts). */
export const audienceRefusal = (consultation: Pick<Consultation, 'audience'>, actor: Actor, organizations: Membership[]): string | null =>
  baseAudienceRefusal(consultation, { roles: actor.roles, organizations });

/** Who an answer is given for: the person themselves or one of their organizations. */
export type RespondentChoice = { kind: 'individual' } | { kind: 'organization'; organizationId: number };

/** Why the actor may not answer for this respondent, or null. */
export const respondentRefusal = (consultation: Pick<Consultation, 'respondentKind' | 'audience'>, choice: RespondentChoice, organizations: Membership[]): string | null => {
  if (choice.kind === 'individual') return consultation.respondentKind === 'organization' ? 'organization_only' : null;
  if (consultation.respondentKind === 'individual') return 'individual_only';
  const organization = organizations.find((o) => o.id === choice.organizationId);
  if (!organization) return 'not_member';
  if (consultation.audience === 'member-states' && organization.stakeholderType !== 'government') return 'not_government';
  return null;
};

/** Whether submissions are taken at `now`: 'open', or why not. */
export const submissionMoment = (c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt'>, now: Date): 'open' | 'not_yet_open' | 'closed' => {
  if (c.status !== 'open' || now >= c.closesAt) return 'closed';
  if (now < c.opensAt) return 'not_yet_open';
  return 'open';
};
