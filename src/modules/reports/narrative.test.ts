/** The narrative parser: blocks for the report, and what a narrative must not contain. */
import { describe, expect, it } from 'vitest';
import { checkNarrative, NARRATIVE_MAX, narrativeBlocks } from './narrative.js';

describe('narrativeBlocks', () => {
  it('gives paragraphs, lists, headings and bold/italic runs, one top-level block each', () => {
    const blocks = narrativeBlocks('# Overview\n\nITU **led** the *work*.\nSecond line.\n\n- one\n- **two**\n\n1. first\n2. second\n\n### Deep');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, text: 'Overview' },
      {
        type: 'paragraph',
        text: [{ text: 'ITU ' }, { text: 'led', bold: true }, { text: ' the ' }, { text: 'work', italic: true }, { text: '. Second line.' }],
      },
      { type: 'list', items: ['one', [{ text: 'two', bold: true }]] },
      { type: 'list', ordered: true, items: ['first', 'second'] },
      { type: 'heading', level: 4, text: 'Deep' },
    ]);
  });
  it('is empty for an empty text, and keeps raw HTML as text', () => {
    expect(narrativeBlocks('  \n ')).toEqual([]);
    expect(narrativeBlocks('a <b>c</b>')).toEqual([{ type: 'paragraph', text: 'a <b>c</b>' }]);
  });
});

describe('checkNarrative', () => {
  it('accepts the Markdown subset, escaped markers and snake_case words', () => {
    expect(checkNarrative('Plain **bold** and *it*; a \\* star; file_name here.\n\n- list')).toEqual([]);
  });
  it('refuses raw HTML of any kind, naming the tag', () => {
    expect(checkNarrative('Hi\n\n<script>alert(1)</script>')).toEqual([{ key: 'reports.narrative.html_not_allowed', values: { tag: '<script>' } }]);
    expect(checkNarrative('A <b>unclosed text')).toEqual([{ key: 'reports.narrative.html_not_allowed', values: { tag: '<b>' } }]);
    expect(checkNarrative('x <img src=x onerror="alert(1)"> y')).toEqual([{ key: 'reports.narrative.html_not_allowed', values: { tag: '<img>' } }]);
  });
  it('refuses unmatched emphasis markers and a too long text', () => {
    expect(checkNarrative('A **word without end')).toEqual([{ key: 'reports.narrative.unbalanced_emphasis' }]);
    expect(checkNarrative('a'.repeat(NARRATIVE_MAX + 1)).map((p) => p.key)).toEqual(['reports.narrative.too_long']);
  });
});
