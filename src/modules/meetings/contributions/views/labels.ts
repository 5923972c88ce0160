import type { ViewContext } from '../../../../core/views/context.js';
import { countryName } from '../../../reference/queries.js';
import type { SourceKind } from '../../tables.js';

/** Who a contribution comes from, as the reader reads it: a Member State's name, an organization's, the secretariat. */
export const sourceText = (view: ViewContext, s: { sourceKind: SourceKind; sourceCountry: string | null; sourceName: string | null }) => {
  if (s.sourceKind === 'member-state' && s.sourceCountry) return countryName(s.sourceCountry, view.locale);
  if (s.sourceKind === 'secretariat') return view.t('meetings.contributions.source.secretariat');
  return s.sourceName ?? '';
};

/** The meeting's reference as printed on its documents ('CWG-WSIS&SDG-41'). */
export const meetingCode = (m: { groupCode: string; number: number }) => `${m.groupCode}-${m.number}`;

/** The URL segment of a meeting (the group code encoded: 'CWG-WSIS%26SDG/41'). */
export const meetingPath = (m: { groupCode: string; number: number }) => `/meetings/${encodeURIComponent(m.groupCode)}/${m.number}`;
