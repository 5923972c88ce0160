/**
 * The difference between two versions of a report's narratives, section by section and language
 * by language: word runs kept, inserted or deleted (core's wordDiff, as the roadmaps' versions).
 */
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type DiffRun, wordDiff } from '../../../core/i18n/words.js';
import type { TemplateSection } from '../tables.js';
import type { ReportVersion } from './queries.js';

export type NarrativeChange = { sectionId: string; locale: Locale; runs: DiffRun[] };

/** What changed from `from` to `to`, in the order of the report's sections; unchanged texts are left out. */
export const diffNarratives = (sections: TemplateSection[], from: ReportVersion, to: ReportVersion): NarrativeChange[] => {
  const ids = [...new Set([...sections.map((s) => s.id), ...Object.keys(from.narratives), ...Object.keys(to.narratives)])];
  const changes: NarrativeChange[] = [];
  for (const sectionId of ids)
    for (const locale of LOCALES) {
      const a = from.narratives[sectionId]?.text[locale] ?? '';
      const b = to.narratives[sectionId]?.text[locale] ?? '';
      if (a === b) continue;
      changes.push({ sectionId, locale, runs: wordDiff(a, b, locale) });
    }
  return changes;
};
