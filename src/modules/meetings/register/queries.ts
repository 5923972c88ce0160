/** Reads of the register. Placeholder of the skeleton: `findMeetingDocumentsForApi` is used by the meeting's API detail. */
import type { DbOrTx } from '../../../core/db/client.js';

export type ApiDocument = {
  symbol: string;
  kind: string;
  status: string;
  title: Record<string, string>;
  source: { kind: string; country: string | null; name: string | null };
  agendaItem: string | null;
  originalLanguage: string;
  date: string;
  late: boolean;
  files: { language: string; mediaType: string; size: number; uploadedAt: string; url: string }[];
};

/** The published (and withdrawn) documents of a meeting in symbol order, as the API gives them. */
export const findMeetingDocumentsForApi = async (_db: DbOrTx, _meetingId: number): Promise<ApiDocument[]> => [];
