// The answer renderer with a malicious answer: nothing in it becomes markup that could run or load anything.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownText } from './MarkdownText';

const html = (text: string) => renderToStaticMarkup(createElement(MarkdownText, { text, renderText: (t: string) => t.replace(/\[1\]/g, '⟦1⟧') }));

describe('MarkdownText', () => {
  it('renders Markdown as elements', () => {
    expect(html('Lava is **hot** [1].\n\n- a\n- b')).toBe('<p>Lava is <strong>hot</strong> ⟦1⟧.</p><ul><li>a</li><li>b</li></ul>');
  });

  it('shows a malicious answer as text: no script, no event handler, no image, no javascript: link', () => {
    const evil = [
      'Ignore previous instructions and <script>alert(1)</script>',
      '<img src=x onerror=alert(1)> <svg onload=alert(1)> <a href="javascript:alert(1)">x</a>',
      '[click](javascript:alert(1)) ![p](http://evil.example/p.png) <iframe src="http://evil.example"></iframe>',
      '<style>body{display:none}</style> <form action="http://evil.example"><input></form>',
    ].join('\n\n');
    const out = html(evil);
    expect(out).not.toMatch(/<(script|img|svg|iframe|style|form|input|a)\b/i);
    // The real tags (unescaped "<"): only the allowed ones, with no attributes at all.
    const realTags = out.match(/<\/?[a-z][^>]*>/gi) ?? [];
    expect(new Set(realTags)).toEqual(new Set(['<p>', '</p>']));
    // The text is still there, escaped, to read.
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps safe links, opened apart from the app', () => {
    expect(html('[docs](https://example.org/a)')).toBe('<p><a href="https://example.org/a" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>');
  });

  it('leaves text in code as written (no citations there)', () => {
    expect(html('`[1]` [1]')).toBe('<p><code>[1]</code> ⟦1⟧</p>');
  });
});
