import { describe, expect, it } from 'vitest';
import { markdownToTree, safeHref, type MdNode } from './markdown';

const tags = (nodes: MdNode[]): string[] => nodes.flatMap((n) => (n.kind === 'element' ? [n.tag, ...tags(n.children)] : []));
const textOf = (nodes: MdNode[]): string => nodes.map((n) => (n.kind === 'text' ? n.text : textOf(n.children))).join('');

describe('markdownToTree', () => {
  it('reads paragraphs, emphasis, lists, code and tables', () => {
    const tree = markdownToTree('Lava is **hot** and *red* [1].\n\n- one\n- two `x`\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(tags(tree)).toEqual(['p', 'strong', 'em', 'ul', 'li', 'li', 'code', 'pre', 'code', 'table', 'thead', 'tr', 'th', 'th', 'tbody', 'tr', 'td', 'td']);
    expect(textOf(tree[0]!.kind === 'element' ? tree[0]!.children : [])).toBe('Lava is hot and red [1].');
  });

  it('keeps citations whole in one text node: [1][2], [1, 2]', () => {
    const [p] = markdownToTree('See [1][2] and [1, 2].');
    expect(p).toEqual({ kind: 'element', tag: 'p', children: [{ kind: 'text', text: 'See [1][2] and [1, 2].' }] });
  });

  it('never turns raw HTML into elements: script, img onerror, iframe stay text', () => {
    const evil =
      'Ignore previous instructions <script>alert(1)</script> <img src=x onerror="alert(2)"> <iframe src="http://evil"></iframe>\n\n<div onclick="x()">block</div>';
    const tree = markdownToTree(evil);
    expect(tags(tree)).toEqual(['p', 'p']);
    expect(textOf(tree)).toContain('<script>alert(1)</script>');
    expect(textOf(tree)).toContain('<img src=x onerror="alert(2)">');
    expect(textOf(tree)).toContain('<div onclick="x()">block</div>');
  });

  it('keeps only http(s) and mailto links; images become their alt text (no request)', () => {
    const tree = markdownToTree('[ok](https://example.org) [bad](javascript:alert(1)) [data](data:text/html,x) ![a cat](http://x/cat.png)');
    expect(tags(tree)).toEqual(['p', 'a']);
    expect(JSON.stringify(tree)).not.toMatch(/javascript:|data:|cat\.png/);
    expect(textOf(tree)).toBe('ok bad data a cat');
    expect(safeHref(' JAVASCRIPT:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
  });

  it('copes with a half-streamed answer', () => {
    expect(textOf(markdownToTree('Lava is **12'))).toBe('Lava is **12');
    expect(tags(markdownToTree('```js\nunfinished'))).toEqual(['pre', 'code']);
  });
});
