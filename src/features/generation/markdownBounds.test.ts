import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { nestedLists, nestedQuotes } from '../../../scripts/hostile-fixtures';
import { MarkdownText } from './MarkdownText';
import { markdownToTree, type MdNode } from '@openbook/core/markdown';
import { boundMarkdown, MAX_MARKDOWN_CHARS, MAX_MARKDOWN_DEPTH } from '@openbook/core/markdownBounds';

const depthOf = (nodes: MdNode[]): number => Math.max(0, ...nodes.map((n) => (n.kind === 'text' ? 0 : 1 + depthOf(n.children))));
const render = (text: string) => renderToStaticMarkup(createElement(MarkdownText, { text, renderText: (t: string) => t }));
const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;

describe('bounded Markdown', () => {
  it('renders 3,000 nested quotes: the first levels as quotes, the rest as text', () => {
    const source = nestedQuotes(3000);
    expect(source.length).toBeGreaterThan(6000);
    const html = render(source);
    expect(count(html, 'blockquote')).toBe(MAX_MARKDOWN_DEPTH);
    expect(html).toContain('deep');
    expect(html).toContain('&gt; &gt; &gt;');
  });

  it('renders lists nested 3,000 levels deep (by indentation and on one line), and long emphasis runs', () => {
    for (const source of [
      nestedLists(3000),
      `${'- '.repeat(3000)}x`,
      `${'1. '.repeat(3000)}x`,
      `${'*'.repeat(3000)}x${'*'.repeat(3000)}`,
      `${'*_'.repeat(2000)}x`,
    ]) {
      const tree = markdownToTree(source);
      expect(depthOf(tree)).toBeLessThanOrEqual(2 * MAX_MARKDOWN_DEPTH + 4);
      expect(render(source).length).toBeGreaterThan(0);
    }
    expect(render(nestedLists(3000))).toContain('level 2999');
  });

  it('leaves ordinary Markdown as it is', () => {
    const ordinary = '# Title\n\n> quote\n> > inner\n\n- a\n  - b\n    - c\n\n**bold** and _em_ and ~~del~~\n\n    code\n';
    expect(boundMarkdown(ordinary)).toBe(ordinary);
  });

  it('shows Markdown over the size limit as plain text, unparsed', () => {
    const big = `**bold** ${'word '.repeat(MAX_MARKDOWN_CHARS / 5)}`;
    const tree = markdownToTree(big);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ kind: 'element', tag: 'p', children: [{ kind: 'text' }] });
  });

  it('gives the lexer text linear in the depth: indentation past the limit is cut', () => {
    // nestedLists(n) is O(n²) characters of indentation; what the lexer gets is O(n).
    const lexed = (depth: number) => boundMarkdown(nestedLists(depth)).length;
    expect(nestedLists(4000).length / nestedLists(2000).length).toBeGreaterThan(3);
    expect(lexed(4000) / lexed(2000)).toBeLessThanOrEqual(2.1);
  });
});
