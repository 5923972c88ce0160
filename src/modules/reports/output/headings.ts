import type { ReportBlock } from '../../../core/reports/document.js';

/**
 * The level each heading block of a section is rendered at: as written, but never more than one
 * below the heading before it (the section's own title is level 1), so a section that starts with a
 * level-3 heading gives an h2, not a skipped level (an error for HTML checkers, a gap in Word's
 * navigation pane and the PDF's outline). Keyed by the block's index.
 */
export const headingLevels = (blocks: readonly ReportBlock[]): Map<number, 2 | 3 | 4> => {
  const levels = new Map<number, 2 | 3 | 4>();
  let previous = 1;
  blocks.forEach((block, i) => {
    if (block.type !== 'heading') return;
    const level = Math.min(block.level, previous + 1) as 2 | 3 | 4;
    levels.set(i, level);
    previous = level;
  });
  return levels;
};
