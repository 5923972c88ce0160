/**
 * The one audience rule of a consultation: who may answer it (answering/) is who its circular
 * letter goes to (exports/). Stakeholders are members of an organization, Member States members
 * of a government organization, the CWG holders of the role cwg-member (and administrators).
 * Accounts are read only through accounts/queries.
 */
import type { DbOrTx } from '../../core/db/client.js';
import type { Role } from '../../core/permissions/index.js';
import { findVerifiedUsersWithOrganizations } from '../accounts/queries.js';
import type { Consultation } from './queries.js';

export type Membership = { id: number; stakeholderType: string; country: string };

/** A person as the audience rule sees them: their roles and organizations. */
export type AudienceMember = { roles: readonly Role[]; organizations: readonly Membership[] };

/** Why the person is outside the consultation's audience (a message key suffix), or null. */
export const audienceRefusal = (consultation: Pick<Consultation, 'audience'>, person: AudienceMember): string | null => {
  switch (consultation.audience) {
    case 'everyone':
      return null;
    case 'stakeholders':
      return person.organizations.length > 0 ? null : 'audience_stakeholders';
    case 'member-states':
      return person.organizations.some((o) => o.stakeholderType === 'government') ? null : 'audience_member_states';
    case 'cwg':
      // As hasRole reads roles: an administrator holds every role.
      return person.roles.includes('cwg-member') || person.roles.includes('admin') ? null : 'audience_cwg';
  }
};

/** Whether the audience rule looks at the person's organizations (a caller may skip reading them otherwise). */
export const audienceNeedsOrganizations = (consultation: Pick<Consultation, 'audience'>): boolean =>
  consultation.audience === 'stakeholders' || consultation.audience === 'member-states';

export type AudienceAccount = { userId: number; email: string; locale: string };

/** The active, verified accounts in the consultation's audience, in id order. */
export const findAudience = async (db: DbOrTx, consultation: Pick<Consultation, 'audience'>): Promise<AudienceAccount[]> =>
  (await findVerifiedUsersWithOrganizations(db)).filter((u) => audienceRefusal(consultation, u) === null).map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
