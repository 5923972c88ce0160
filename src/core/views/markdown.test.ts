import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './Markdown.js';

describe('renderMarkdown', () => {
  it('renders the subset: paragraphs, emphasis, lists, links and demoted headings', () => {
    const html = renderMarkdown('# Goals\n\nWe train **500 teachers** in *rural* areas.\n\n- one\n- two\n\nSee https://example.org and [the report](https://itu.int/r).');
    expect(html).toContain('<h3>Goals</h3>');
    expect(html).toContain('<strong>500 teachers</strong>');
    expect(html).toContain('<em>rural</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://itu.int/r" rel="nofollow noopener ugc">the report</a>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener ugc">https://example.org</a>');
  });

  it('shows raw HTML as text and never lets a script, an event handler or a javascript: link through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n<a href="https://x.org" onclick="steal()">x</a>',
    );
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click](javascript:alert(1))');
  });

  it('keeps Arabic and Chinese text intact and returns nothing for blank text', () => {
    expect(renderMarkdown('**محو الأمية الرقمية** للجميع')).toBe('<p><strong>محو الأمية الرقمية</strong> للجميع</p>\n');
    expect(renderMarkdown('数字*扫盲*')).toContain('<em>扫盲</em>');
    expect(renderMarkdown('  \n ')).toBe('');
  });
});
