/**
 * Who may submit a contribution, and for whom (pure rules, no I/O).
 *
 * - A verified member of an organization of the government stakeholder type (a Member State's
 *   delegation) submits for that Member State: source kind member-state, the organization's country.
 * - A verified CWG member (role cwg-member) submits for any organization they belong to: a
 *   government one as its Member State, any other under the organization's name (sector-member).
 *   A CWG member who belongs to no organization submits in their own name (source kind other, their
 *   name as the source): the secretariat sees it in the queue and decides, as for any contribution.
 * - The secretariat submits as the secretariat (and for its organizations, like a CWG member).
 * Anyone else is refused (403).
 */
import type { Locale } from '../../../core/i18n/locales.js';
import { type Actor, hasRole, isVerified } from '../../../core/permissions/index.js';
import type { MeetingStatus, SourceKind } from '../tables.js';

export type MemberOrganization = { id: number; name: string; stakeholderType: string; country: string };

/** One source the actor may submit for: its form value ('org:7', 'secretariat', 'self') and what is stored. */
export type SourceChoice = {
  value: string;
  sourceKind: SourceKind;
  sourceCountry: string | null;
  sourceOrganizationId: number | null;
  sourceName: string | null;
};

/** The sources the actor may submit for, in the order offered; empty when they may not submit. */
export const sourcesOf = (actor: Actor | null, organizations: readonly MemberOrganization[]): SourceChoice[] => {
  if (!actor || !isVerified(actor)) return [];
  const isCwg = hasRole(actor, 'cwg-member');
  const isSecretariat = hasRole(actor, 'secretariat');
  const choices: SourceChoice[] = [];
  for (const org of organizations) {
    if (org.stakeholderType === 'government') {
      choices.push({ value: `org:${org.id}`, sourceKind: 'member-state', sourceCountry: org.country, sourceOrganizationId: org.id, sourceName: null });
    } else if (isCwg || isSecretariat) {
      choices.push({ value: `org:${org.id}`, sourceKind: 'sector-member', sourceCountry: null, sourceOrganizationId: org.id, sourceName: org.name });
    }
  }
  if (isSecretariat) choices.push({ value: 'secretariat', sourceKind: 'secretariat', sourceCountry: null, sourceOrganizationId: null, sourceName: null });
  if (isCwg && organizations.length === 0) choices.push({ value: 'self', sourceKind: 'other', sourceCountry: null, sourceOrganizationId: null, sourceName: actor.name });
  return choices;
};

/** Contributions are received while a meeting is planned or convened; not once it was held or cancelled. */
export const isReceiving = (status: MeetingStatus) => status === 'planned' || status === 'convened';

/** Received after the deadline: still accepted (submitted), registered only as late. */
export const isLate = (deadline: Date, at: Date) => at.getTime() > deadline.getTime();

/** Largest file of a language version (30 MB). */
export const MAX_CONTRIBUTION_BYTES = 30 * 1024 * 1024;
export const MAX_TITLE_LENGTH = 500;
export const MAX_NOTE_LENGTH = 4000;

/** The title of a document: the languages given, trimmed, empty ones left out. */
export const titlesFrom = (raw: Partial<Record<Locale, string | undefined>>) =>
  Object.fromEntries(Object.entries(raw).flatMap(([l, v]) => (typeof v === 'string' && v.trim() ? [[l, v.trim()]] : []))) as Partial<Record<Locale, string>>;
