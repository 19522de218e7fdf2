// An answer's Markdown as a tree of safe nodes, for the UI to render as elements, never as HTML.
//
// marked's lexer (pure JS, no DOM) reads the Markdown; this keeps only an allow-list of elements
// (paragraphs, headings, lists, emphasis, code, quotes, tables, links with a safe address). Raw HTML in the
// text, of a model or of a document, stays TEXT: "<script>" or "<img onerror=...>" are shown as typed and
// never become elements. Images become their alt text (loading one would make a request). So nothing
// a model writes can run script or reach the network; there is no innerHTML anywhere on the way.
import { Lexer, type Token, type Tokens } from 'marked';

export type MdTag =
  | 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'ul' | 'ol' | 'li' | 'pre' | 'code' | 'blockquote'
  | 'strong' | 'em' | 'del' | 'a' | 'br' | 'hr' | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';

export type MdNode =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: MdTag; children: MdNode[]; href?: string; start?: number };

const SAFE_LINK = /^(https?:|mailto:)/i;

/** A link's address if it is http(s) or mailto (absolute); anything else (javascript:, data:, relative) is dropped. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return SAFE_LINK.test(trimmed) ? trimmed : undefined;
}

const el = (tag: MdTag, children: MdNode[], extra: { href?: string; start?: number } = {}): MdNode => ({ kind: 'element', tag, children, ...extra });
const text = (t: string): MdNode => ({ kind: 'text', text: t });

/** Adjacent text nodes joined (a citation such as "[1]" may come from several tokens). */
function merged(nodes: MdNode[]): MdNode[] {
  const out: MdNode[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
    else if (node.kind === 'text' && node.text === '') continue;
    else out.push(node.kind === 'text' ? { ...node } : node);
  }
  return out;
}

function inline(tokens: readonly Token[] | undefined): MdNode[] {
  return merged((tokens ?? []).flatMap(inlineToken));
}

function inlineToken(token: Token): MdNode[] {
  switch (token.type) {
    case 'strong':
    case 'em':
    case 'del':
      return [el(token.type, inline((token as Tokens.Strong).tokens))];
    case 'codespan':
      return [el('code', [text((token as Tokens.Codespan).text)])];
    case 'br':
      return [el('br', [])];
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const children = inline(link.tokens);
      return href ? [el('a', children, { href })] : children;
    }
    case 'image':
      return [text((token as Tokens.Image).text)];
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : [text(t.text)];
    }
    case 'escape':
      return [text((token as Tokens.Escape).text)];
    case 'html':
    default:
      // Raw HTML and anything unknown: the source text, as text.
      return [text(token.raw)];
  }
}

function block(tokens: readonly Token[]): MdNode[] {
  return tokens.flatMap(blockToken);
}

function blockToken(token: Token): MdNode[] {
  switch (token.type) {
    case 'space':
      return [];
    case 'paragraph':
      return [el('p', inline((token as Tokens.Paragraph).tokens))];
    case 'heading': {
      const h = token as Tokens.Heading;
      return [el(`h${Math.min(6, Math.max(1, h.depth))}` as MdTag, inline(h.tokens))];
    }
    case 'code':
      return [el('pre', [el('code', [text((token as Tokens.Code).text)])])];
    case 'blockquote':
      return [el('blockquote', block((token as Tokens.Blockquote).tokens))];
    case 'hr':
      return [el('hr', [])];
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) => el('li', item.loose ? block(item.tokens) : listItem(item.tokens)));
      const start = typeof list.start === 'number' && list.start !== 1 ? { start: list.start } : {};
      return [el(list.ordered ? 'ol' : 'ul', items, start)];
    }
    case 'table': {
      const table = token as Tokens.Table;
      const head = el('thead', [el('tr', table.header.map((cell) => el('th', inline(cell.tokens))))]);
      const body = el('tbody', table.rows.map((row) => el('tr', row.map((cell) => el('td', inline(cell.tokens))))));
      return [el('table', [head, body])];
    }
    case 'text': {
      const t = token as Tokens.Text;
      return [el('p', t.tokens ? inline(t.tokens) : [text(t.text)])];
    }
    case 'html':
    default:
      return [el('p', [text(token.raw)])];
  }
}

/** A tight list item's content: its text inline, nested lists as blocks. */
function listItem(tokens: readonly Token[]): MdNode[] {
  return merged(tokens.flatMap((t) => (t.type === 'text' ? inline((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Token]) : blockToken(t))));
}

/** The Markdown as safe nodes (GitHub-flavoured; single line breaks kept as breaks). */
export function markdownToTree(markdown: string): MdNode[] {
  return block(new Lexer({ gfm: true, breaks: true }).lex(markdown));
}
