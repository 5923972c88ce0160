/**
 * The difference between two versions of a roadmap, field by field and, for texts, language by
 * language: word runs kept, inserted or deleted (npm `diff`); for lists of codes and partners,
 * what was added and removed.
 */
import { diffWords } from 'diff';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import type { RoadmapVersion } from '../queries.js';
import { TEXT_FIELDS, type TextField } from './inputs.js';

export type Run = { kind: 'same' | 'ins' | 'del'; text: string };
export type TextChange = { field: TextField; locale: Locale; runs: Run[] };
export type ListField = 'partnerOrganizationIds' | 'sdgTargets' | 'connectTargets';
export type ListChange = { field: ListField; added: string[]; removed: string[] };
export type VersionDiff = { texts: TextChange[]; lists: ListChange[] };

const LIST_FIELDS: ListField[] = ['partnerOrganizationIds', 'sdgTargets', 'connectTargets'];

/** What changed from `from` to `to`; unchanged fields and languages are left out. */
export const diffVersions = (from: RoadmapVersion, to: RoadmapVersion): VersionDiff => {
  const texts: TextChange[] = [];
  for (const field of TEXT_FIELDS)
    for (const locale of LOCALES) {
      const a = from[field][locale] ?? '';
      const b = to[field][locale] ?? '';
      if (a === b) continue;
      const runs = diffWords(a, b).map((c): Run => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
      texts.push({ field, locale, runs });
    }
  const lists: ListChange[] = [];
  for (const field of LIST_FIELDS) {
    const a = (from[field] as (string | number)[]).map(String);
    const b = (to[field] as (string | number)[]).map(String);
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length || removed.length) lists.push({ field, added, removed });
  }
  return { texts, lists };
};
