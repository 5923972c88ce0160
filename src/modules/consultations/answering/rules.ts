/**
 * Who may answer a consultation, for whom, and when (pure functions; the commands and the pages
 * ask them, so the form and the API refuse with the same sentence).
 */
import type { Actor } from '../../../core/permissions/index.js';
import { hasRole } from '../../../core/permissions/index.js';
import type { Consultation } from '../queries.js';

export type Membership = { id: number; stakeholderType: string; country: string };

/**
 * Why the actor is outside the consultation's audience (a message key suffix), or null:
 * stakeholders are members of an organization, Member States members of a government
 * organization, the CWG holders of the role cwg-member.
 */
export const audienceRefusal = (consultation: Pick<Consultation, 'audience'>, actor: Actor, organizations: Membership[]): string | null => {
  switch (consultation.audience) {
    case 'everyone':
      return null;
    case 'stakeholders':
      return organizations.length > 0 ? null : 'audience_stakeholders';
    case 'member-states':
      return organizations.some((o) => o.stakeholderType === 'government') ? null : 'audience_member_states';
    case 'cwg':
      return hasRole(actor, 'cwg-member') ? null : 'audience_cwg';
  }
};

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
