/**
 * What changed between two versions of an entry's content, field by field: texts as word diffs
 * in their language (Intl.Segmenter, so Chinese and Thai-like scripts split into words too),
 * lists as added and removed values, other values as before/after.
 */
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type DiffRun, wordDiff } from '../../../core/i18n/words.js';
import type { EntryContent } from '../commands/entry-content.js';

export type FieldChange =
  | { kind: 'text'; field: 'title' | 'summary' | 'description' | 'impact' | 'partners'; locale: Locale; runs: DiffRun[] }
  | { kind: 'list'; field: string; added: string[]; removed: string[] }
  | { kind: 'value'; field: string; before: string | null; after: string | null };

const TEXT_FIELDS = ['title', 'summary', 'description', 'impact', 'partners'] as const;
const LIST_FIELDS = ['actionLines', 'sdgs', 'sdgTargets', 'countries', 'targetGroups', 'imageIds'] as const;
const VALUE_FIELDS = ['stakeholderType', 'leadCountry', 'scope', 'projectStatus', 'startDate', 'endDate', 'website', 'organizationId', 'contactName', 'contactEmail'] as const;

/** Field-by-field changes from `before` to `after` (private contact included: owners and moderators only). */
export const diffContent = (before: EntryContent, after: EntryContent): FieldChange[] => {
  const changes: FieldChange[] = [];
  for (const field of TEXT_FIELDS) {
    for (const locale of LOCALES) {
      const a = before[field][locale] ?? '';
      const b = after[field][locale] ?? '';
      if (a !== b) changes.push({ kind: 'text', field, locale, runs: wordDiff(a, b, locale) });
    }
  }
  for (const field of LIST_FIELDS) {
    const a = (before[field] ?? []).map(String);
    const b = (after[field] ?? []).map(String);
    const added = b.filter((v) => !a.includes(v));
    const removed = a.filter((v) => !b.includes(v));
    if (added.length || removed.length) changes.push({ kind: 'list', field, added, removed });
  }
  for (const field of VALUE_FIELDS) {
    const a = before[field] === null || before[field] === undefined ? null : String(before[field]);
    const b = after[field] === null || after[field] === undefined ? null : String(after[field]);
    if (a !== b) changes.push({ kind: 'value', field, before: a, after: b });
  }
  return changes;
};
