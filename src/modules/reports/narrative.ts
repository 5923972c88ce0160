/**
 * A section's narrative as the secretariat writes it: the platform's Markdown subset (paragraphs,
 * *emphasis*, **strong**, lists, headings; as core/views/Markdown.tsx, markdown-it's 'zero' preset).
 * Parsed into report blocks (core/reports/document.ts); each top-level block is a paragraph CWG
 * members comment on (its index in `narrativeBlocks` is the comment's anchor).
 *
 * `checkNarrative` says what a text must not have before it is saved: raw HTML of any kind (a
 * `<script>`, an unclosed `<b>`, an `<img onerror>`), emphasis markers left unmatched (`**word`),
 * more than NARRATIVE_MAX characters. Each problem is a message key with its values.
 */
import MarkdownIt from 'markdown-it';
import type { ReportBlock, ReportRun, ReportText } from '../../core/reports/document.js';

/** The rules of the platform's Markdown subset (as core/views/Markdown.tsx). */
const RULES = ['paragraph', 'newline', 'emphasis', 'backticks', 'list', 'blockquote', 'heading', 'link', 'linkify', 'escape', 'entity'];

/** The longest narrative of one section in one language, in characters. */
export const NARRATIVE_MAX = 20_000;

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const parser = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false }).enable(RULES);
// The checker sees raw HTML as html tokens, and escaped characters (`\*`) apart from the text (no text_join).
const checker = new MarkdownIt('zero', { html: true, linkify: true, breaks: true, typographer: false }).enable([...RULES, 'html_block', 'html_inline']);
checker.core.ruler.disable('text_join');

/** The runs of an inline token: bold and italic marks, links as their text, line breaks as spaces. */
const runsOf = (inline: Token | undefined): ReportText => {
  const runs: ReportRun[] = [];
  let bold = 0;
  let italic = 0;
  for (const t of inline?.children ?? []) {
    if (t.type === 'strong_open') bold++;
    else if (t.type === 'strong_close') bold--;
    else if (t.type === 'em_open') italic++;
    else if (t.type === 'em_close') italic--;
    else if (t.type === 'text' || t.type === 'code_inline' || t.type === 'text_special' || t.type === 'softbreak' || t.type === 'hardbreak') {
      const text = t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : t.content;
      if (!text) continue;
      const run: ReportRun = { text, ...(bold > 0 ? { bold: true } : {}), ...(italic > 0 ? { italic: true } : {}) };
      const last = runs.at(-1);
      if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += text;
      else runs.push(run);
    }
  }
  if (runs.every((r) => !r.bold && !r.italic)) return runs.map((r) => r.text).join('');
  return runs;
};

/** Index of the token closing the block opened at `start` (same level, `_close`), or `start` for a self-contained one. */
const closing = (tokens: Token[], start: number) => {
  const open = tokens[start];
  if (open?.nesting !== 1) return start;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t && t.level === open.level && t.nesting === -1) return i;
  }
  return tokens.length - 1;
};

/** The blocks of a narrative (empty for an empty text). Headings: # → level 2, ## → 3, deeper → 4. */
export const narrativeBlocks = (text: string): ReportBlock[] => {
  if (!text.trim()) return [];
  const tokens = parser.parse(text, {});
  const blocks: ReportBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.level !== 0) continue;
    const end = closing(tokens, i);
    const inner = tokens.slice(i + 1, end);
    if (t.type === 'heading_open') {
      const level = Math.min(Number(t.tag.slice(1)) + 1, 4) as 2 | 3 | 4;
      blocks.push({ type: 'heading', level, text: runsOf(inner.find((x) => x.type === 'inline')) });
    } else if (t.type === 'paragraph_open') {
      blocks.push({ type: 'paragraph', text: runsOf(inner.find((x) => x.type === 'inline')) });
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      // Items at the list's next level; a nested list's items follow their parent's text.
      const items: ReportText[] = inner.filter((x) => x.type === 'inline' && x.level === t.level + 3).map((x) => runsOf(x));
      blocks.push({ type: 'list', ...(t.type === 'ordered_list_open' ? { ordered: true } : {}), items });
    } else if (t.type === 'blockquote_open') {
      for (const x of inner.filter((y) => y.type === 'inline')) blocks.push({ type: 'paragraph', text: runsOf(x) });
    }
    i = end;
  }
  return blocks;
};

/** A problem of a narrative: a message key of the reports' catalog with its values. */
export type NarrativeProblem = { key: string; values?: Record<string, string | number> };

const tagOf = (html: string) => /<\/?\s*([A-Za-z][A-Za-z0-9-]*)/.exec(html)?.[1]?.toLowerCase() ?? html.trim().slice(0, 20);

/** What is wrong with a narrative (empty when it may be saved). */
export const checkNarrative = (text: string): NarrativeProblem[] => {
  const problems: NarrativeProblem[] = [];
  if (text.length > NARRATIVE_MAX) problems.push({ key: 'reports.narrative.too_long', values: { max: NARRATIVE_MAX, length: text.length } });
  const tokens = checker.parse(text.slice(0, NARRATIVE_MAX * 2), {});
  const tags = new Set<string>();
  let unbalanced = false;
  for (const t of tokens) {
    if (t.type === 'html_block') tags.add(tagOf(t.content));
    for (const c of t.children ?? []) {
      if (c.type === 'html_inline') tags.add(tagOf(c.content));
      // A marker markdown-it did not pair is left as text ('**word'); an escaped one (\*) is text_special.
      else if (c.type === 'text' && /[*_]/.test(c.content.replace(/(?<=[\p{L}\p{N}])_+(?=[\p{L}\p{N}])/gu, ''))) unbalanced = true;
    }
  }
  for (const tag of tags) problems.push({ key: 'reports.narrative.html_not_allowed', values: { tag: `<${tag}>` } });
  if (unbalanced) problems.push({ key: 'reports.narrative.unbalanced_emphasis' });
  return problems;
};
