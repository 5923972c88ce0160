/**
 * The Markdown subset users may write in long texts (descriptions, impact, rules pages):
 * paragraphs, line breaks, *emphasis*, **strong**, `code`, lists, block quotes, headings and links.
 * markdown-it parses it with raw HTML disabled; sanitize-html then keeps only the allow-listed
 * elements and http(s)/mailto links (defence in depth: whatever the parser lets through, a script,
 * an event handler or a javascript: URL never reaches the page). Headings are demoted to h3–h5 so
 * the text never competes with the page's own outline.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const parser = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false })
  .enable(['paragraph', 'newline', 'emphasis', 'backticks', 'list', 'blockquote', 'heading', 'link', 'linkify', 'escape', 'entity'])
  .disable([]);

const demote = (level: number) => () => ({ tagName: `h${Math.min(level + 2, 5)}`, attribs: {} });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'code', 'ul', 'ol', 'li', 'blockquote', 'h3', 'h4', 'h5', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    h1: demote(1),
    h2: demote(2),
    h3: demote(3),
    h4: demote(4),
    h5: demote(5),
    h6: demote(6),
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener ugc' } }),
  },
};

/** Safe HTML for a Markdown text (empty string for empty input). */
export const renderMarkdown = (text: string): string => (text.trim() ? sanitizeHtml(parser.render(text), SANITIZE) : '');

/** A user's Markdown text, rendered and sanitized, inside a div (dir="auto" unless the caller sets lang/dir around it). */
// The HTML is sanitized by renderMarkdown (allow-list, no raw HTML).
export const Markdown = ({ text, class: className = 'prose' }: { text: string; class?: string }) => (
  <div class={className} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />
);
