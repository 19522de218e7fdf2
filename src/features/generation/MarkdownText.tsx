// Markdown as React elements from the safe tree of core/markdown.ts, never as HTML: text stays text.
// Text nodes go through `renderText`, which is where citations become links.
import { Fragment, createElement, useMemo, type ReactNode } from 'react';
import { markdownToTree, type MdNode } from '@openbook/core/markdown';

function render(nodes: MdNode[], renderText: (text: string, key: string) => ReactNode, prefix: string, inCode: boolean): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${prefix}.${i}`;
    if (node.kind === 'text') return inCode ? <Fragment key={key}>{node.text}</Fragment> : <Fragment key={key}>{renderText(node.text, key)}</Fragment>;
    const props: Record<string, unknown> = { key };
    if (node.tag === 'a') Object.assign(props, { href: node.href, target: '_blank', rel: 'noopener noreferrer nofollow' });
    if (node.tag === 'ol' && node.start !== undefined) props.start = node.start;
    if (node.tag === 'br' || node.tag === 'hr') return createElement(node.tag, props);
    const code = inCode || node.tag === 'code' || node.tag === 'pre';
    return createElement(node.tag, props, ...render(node.children, renderText, key, code));
  });
}

export function MarkdownText({ text, renderText }: { text: string; renderText: (text: string, key: string) => ReactNode }) {
  const tree = useMemo(() => markdownToTree(text), [text]);
  return <>{render(tree, renderText, 'md', false)}</>;
}
