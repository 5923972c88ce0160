/**
 * Hints for the moderator about what an entry lacks: translations, a summary of useful length,
 * a description, links (website, SDGs, countries), images. Hints, not rules: nothing here
 * blocks a decision.
 */
import { LOCALES } from '../../../core/i18n/locales.js';
import type { EntryContent } from '../commands/entry-content.js';
import { countWords, SUMMARY_MAX_WORDS } from '../inputs.js';

/** A summary shorter than this says too little for lists and voters. */
export const SUMMARY_MIN_WORDS = 40;

export type Hint =
  | { key: 'languages'; present: number }
  | { key: 'summary_short' | 'summary_long'; words: number; limit: number }
  | { key: 'no_description' | 'no_website' | 'insecure_website' | 'no_sdgs' | 'no_countries' | 'no_images' };

export const completenessHints = (content: EntryContent): Hint[] => {
  const hints: Hint[] = [];
  const present = LOCALES.filter((l) => content.title[l] && content.summary[l]).length;
  if (present < LOCALES.length) hints.push({ key: 'languages', present });
  const original = content.summary[content.originalLanguage] ?? '';
  const words = countWords(original, content.originalLanguage);
  if (words < SUMMARY_MIN_WORDS) hints.push({ key: 'summary_short', words, limit: SUMMARY_MIN_WORDS });
  if (words > SUMMARY_MAX_WORDS) hints.push({ key: 'summary_long', words, limit: SUMMARY_MAX_WORDS });
  if (!content.description[content.originalLanguage]) hints.push({ key: 'no_description' });
  if (!content.website) hints.push({ key: 'no_website' });
  else if (!/^https:\/\//i.test(content.website)) hints.push({ key: 'insecure_website' });
  if (content.sdgs.length === 0) hints.push({ key: 'no_sdgs' });
  if (content.countries.length === 0) hints.push({ key: 'no_countries' });
  if ((content.imageIds ?? []).length === 0) hints.push({ key: 'no_images' });
  return hints;
};
