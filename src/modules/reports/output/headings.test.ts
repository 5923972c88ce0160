import { describe, expect, it } from 'vitest';
import type { ReportBlock } from '../../../core/reports/document.js';
import { headingLevels } from './headings.js';

const heading = (level: 2 | 3 | 4): ReportBlock => ({ type: 'heading', level, text: `h${level}` });
const paragraph: ReportBlock = { type: 'paragraph', text: 'p' };

describe('heading levels', () => {
  it('keeps levels as written, but never more than one below the heading before (the section title is level 1)', () => {
    const blocks = [heading(4), paragraph, heading(3), heading(4), heading(2), heading(4), paragraph, heading(3)];
    expect([...headingLevels(blocks)]).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 2],
      [5, 3],
      [7, 3],
    ]);
    expect(headingLevels([paragraph]).size).toBe(0);
  });
});
