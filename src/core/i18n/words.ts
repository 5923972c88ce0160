/** One word segmenter per language, made once: making one costs more than segmenting a paragraph. */
const segmenters = new Map<string, Intl.Segmenter>();

/** Words in a text, by the language's word boundaries (so Chinese, written without spaces, counts too). */
export const countWords = (text: string, language: string): number => {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    // A language tag comes from the code (six locales and the stocktaking's languages), not from requests; bounded anyway.
    if (segmenters.size < 64) segmenters.set(language, segmenter);
  }
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
};
