/**
 * The difference between two versions of a roadmap, field by field and, for texts, language by
 * language: word runs kept, inserted or deleted (core's wordDiff, at the language's word boundaries); for lists of codes and partners,
 * what was added and removed.
 */
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type DiffRun, wordDiff } from '../../../core/i18n/words.js';
import type { RoadmapVersion } from '../queries.js';
import { TEXT_FIELDS, type TextField } from './inputs.js';

export type TextChange = { field: TextField; locale: Locale; runs: DiffRun[] };
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
      texts.push({ field, locale, runs: wordDiff(a, b, locale) });
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
