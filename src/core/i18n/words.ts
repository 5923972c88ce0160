import { diffWords } from 'diff';

/** One word segmenter per language, made once: making one costs more than segmenting a paragraph. */
const segmenters = new Map<string, Intl.Segmenter>();

/** The word segmenter of a language (kept). */
export const wordSegmenter = (language: string): Intl.Segmenter => {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    // A language tag comes from the code (six locales and the stocktaking's languages), not from requests; bounded anyway.
    if (segmenters.size < 64) segmenters.set(language, segmenter);
  }
  return segmenter;
};

/** Words in a text, by the language's word boundaries (so Chinese, written without spaces, counts too). */
export const countWords = (text: string, language: string): number => {
  const segmenter = wordSegmenter(language);
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
};

/** A run of a word diff: kept, inserted or deleted text. */
export type DiffRun = { kind: 'same' | 'ins' | 'del'; text: string };

/**
 * The word diff of two texts in one language (npm `diff`), split at the language's word
 * boundaries, so a changed Chinese or Arabic word is marked alone rather than the whole sentence.
 * Drawn by core/views/DiffRuns.tsx.
 */
export const wordDiff = (before: string, after: string, language: string): DiffRun[] =>
  diffWords(before, after, { intlSegmenter: wordSegmenter(language) }).map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
