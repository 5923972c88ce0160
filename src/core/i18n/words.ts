/** Words in a text, by the language's word boundaries (so Chinese, written without spaces, counts too). */
export const countWords = (text: string, language: string): number => {
  let count = 0;
  for (const segment of new Intl.Segmenter(language, { granularity: 'word' }).segment(text)) if (segment.isWordLike) count++;
  return count;
};
