import { LocalizedText } from '../../../core/views/LocalizedText.js';

/**
 * Entry text in the reader's language, else the original (marked with `lang` and "in <language>"),
 * with a note when what is shown is an unofficial translation: the core's LocalizedText.
 */
export const EntryText = LocalizedText;
