// An answer's Markdown as a tree of safe nodes, for the UI to render as elements, never as HTML.
//
// marked's lexer (pure JS, no DOM) reads the Markdown; this keeps only an allow-list of elements
// (paragraphs, headings, lists, emphasis, code, quotes, tables, links with a safe address). Raw HTML in the
// text, of a model or of a document, stays TEXT: "<script>" or "<img onerror=...>" are shown as typed and
// never become elements. Images become their alt text (loading one would make a request). So nothing
// a model writes can run script or reach the network; there is no innerHTML anywhere on the way.
//
// Rendering is bounded (markdownBounds.ts): nesting deeper than MAX_MARKDOWN_DEPTH is cut before lexing and
// flattened to text after it, Markdown longer than MAX_MARKDOWN_CHARS is shown as plain text, and if the
// lexer fails anyway the text is shown as it is: no answer can blank the page.
import { Lexer, type Token, type Tokens } from 'marked';
import { boundMarkdown, MAX_MARKDOWN_CHARS, MAX_MARKDOWN_DEPTH } from './markdownBounds';

export type MdTag =
  | 'p'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'ul'
  | 'ol'
  | 'li'
  | 'pre'
  | 'code'
  | 'blockquote'
  | 'strong'
  | 'em'
  | 'del'
  | 'a'
  | 'br'
  | 'hr'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td';

export type MdNode = { kind: 'text'; text: string } | { kind: 'element'; tag: MdTag; children: MdNode[]; href?: string; start?: number };

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

/** Elements nested deeper than the limit: their source, as text. */
const tooDeep = (depth: number) => depth > MAX_MARKDOWN_DEPTH * 2;

function inline(tokens: readonly Token[] | undefined, depth: number): MdNode[] {
  return merged((tokens ?? []).flatMap((t) => inlineToken(t, depth)));
}

function inlineToken(token: Token, depth: number): MdNode[] {
  if (tooDeep(depth)) return [text(token.raw)];
  const inner = depth + 1;
  switch (token.type) {
    case 'strong':
    case 'em':
    case 'del':
      return [el(token.type, inline((token as Tokens.Strong).tokens, inner))];
    case 'codespan':
      return [el('code', [text((token as Tokens.Codespan).text)])];
    case 'br':
      return [el('br', [])];
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const children = inline(link.tokens, inner);
      return href ? [el('a', children, { href })] : children;
    }
    case 'image':
      return [text((token as Tokens.Image).text)];
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens, inner) : [text(t.text)];
    }
    case 'escape':
      return [text((token as Tokens.Escape).text)];
    case 'html':
    default:
      // Raw HTML and anything unknown: the source text, as text.
      return [text(token.raw)];
  }
}

function block(tokens: readonly Token[], depth: number): MdNode[] {
  return tokens.flatMap((t) => blockToken(t, depth));
}

function blockToken(token: Token, depth: number): MdNode[] {
  if (tooDeep(depth)) return token.type === 'space' ? [] : [el('p', [text(token.raw)])];
  const inner = depth + 1;
  switch (token.type) {
    case 'space':
      return [];
    case 'paragraph':
      return [el('p', inline((token as Tokens.Paragraph).tokens, inner))];
    case 'heading': {
      const h = token as Tokens.Heading;
      return [el(`h${Math.min(6, Math.max(1, h.depth))}` as MdTag, inline(h.tokens, inner))];
    }
    case 'code':
      return [el('pre', [el('code', [text((token as Tokens.Code).text)])])];
    case 'blockquote':
      return [el('blockquote', block((token as Tokens.Blockquote).tokens, inner))];
    case 'hr':
      return [el('hr', [])];
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) => el('li', item.loose ? block(item.tokens, inner + 1) : listItem(item.tokens, inner + 1)));
      const start = typeof list.start === 'number' && list.start !== 1 ? { start: list.start } : {};
      return [el(list.ordered ? 'ol' : 'ul', items, start)];
    }
    case 'table': {
      const table = token as Tokens.Table;
      const head = el('thead', [
        el(
          'tr',
          table.header.map((cell) => el('th', inline(cell.tokens, inner))),
        ),
      ]);
      const body = el(
        'tbody',
        table.rows.map((row) =>
          el(
            'tr',
            row.map((cell) => el('td', inline(cell.tokens, inner))),
          ),
        ),
      );
      return [el('table', [head, body])];
    }
    case 'text': {
      const t = token as Tokens.Text;
      return [el('p', t.tokens ? inline(t.tokens, inner) : [text(t.text)])];
    }
    case 'html':
    default:
      return [el('p', [text(token.raw)])];
  }
}

/** A tight list item's content: its text inline, nested lists as blocks. */
function listItem(tokens: readonly Token[], depth: number): MdNode[] {
  return merged(
    tokens.flatMap((t) =>
      t.type === 'text'
        ? inline((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Token], depth)
        : blockToken(t, depth),
    ),
  );
}

/** Text shown as it is: one paragraph per blank-line-separated block, line breaks kept. */
export function plainTextTree(markdown: string): MdNode[] {
  return markdown
    .split(/\n{2,}/)
    .filter((para) => para.trim() !== '')
    .map((para) =>
      el(
        'p',
        para.split('\n').flatMap((line, i) => (i === 0 ? [text(line)] : [el('br', []), text(line)])),
      ),
    );
}

/** The Markdown as safe nodes (GitHub-flavoured; single line breaks kept as breaks), within the bounds. */
export function markdownToTree(markdown: string): MdNode[] {
  if (markdown.length > MAX_MARKDOWN_CHARS) return plainTextTree(markdown);
  try {
    return block(new Lexer({ gfm: true, breaks: true }).lex(boundMarkdown(markdown)), 0);
  } catch {
    // A stack overflow (or any failure) in the lexer: the text as it is.
    return plainTextTree(markdown);
  }
}
