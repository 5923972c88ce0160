/**
 * The documents of a meeting on its page (management/ shows the page; this section is the
 * register's): the list sorted by symbol with the six-language availability grid, its filters
 * and the ZIP per language. Placeholder of the skeleton until the register fills it.
 */
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Locale } from '../../../../core/i18n/locales.js';
import type { MaybeActor } from '../../../../core/permissions/index.js';

export type MeetingDocumentsFilters = { kind?: string; source?: string; item?: string };
export type MeetingDocumentsData = { meetingId: number; rows: unknown[] };

export const loadMeetingDocumentsSection = async (
  _db: DbOrTx,
  { meetingId }: { meetingId: number; locale: Locale; actor: MaybeActor; filters: MeetingDocumentsFilters },
): Promise<MeetingDocumentsData> => ({ meetingId, rows: [] });

export const MeetingDocumentsSection = (_props: { data: MeetingDocumentsData; basePath: string }) => null;
