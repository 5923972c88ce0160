/**
 * A section's narrative as the secretariat writes it: the platform's Markdown subset (paragraphs,
 * *emphasis*, **strong**, lists, headings). Parsed into report blocks (core/reports/document.ts);
 * each top-level block is a paragraph CWG members comment on (its index is the comment's anchor).
 * Stand-in: paragraphs split on blank lines; the full parser and its checks come with workflow/.
 */
import type { ReportBlock } from '../../core/reports/document.js';

/** The blocks of a narrative (empty for an empty text). */
export const narrativeBlocks = (text: string): ReportBlock[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph', text: p }));
