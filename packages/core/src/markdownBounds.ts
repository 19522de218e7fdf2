// Bounds on the Markdown that core/markdown.ts renders, so that no answer (of a model or from a document)
// can exhaust the stack or the time of the page. marked recurses once per level of nesting (3,000 nested
// quotes overflow the stack) and is slow on deeply indented lists, so before lexing, each line's run of
// quote and list markers is cut to MAX_MARKDOWN_DEPTH (the markers past it stay as text), indentation to
// MAX_INDENT columns, and long runs of emphasis markers are escaped. Pure, linear in the input.

/** Levels of quotes and lists kept as structure; deeper ones are shown as text. */
export const MAX_MARKDOWN_DEPTH = 16;
/** Markdown longer than this is shown as plain text, not parsed. */
export const MAX_MARKDOWN_CHARS = 200_000;
/** Leading spaces kept on a line (deeper indentation is nesting past the depth limit). */
const MAX_INDENT = 4 * MAX_MARKDOWN_DEPTH;
/** Runs of *, _ or ~ longer than this are escaped (each would be one more level of emphasis). */
const MAX_DELIMITER_RUN = 6;

/** Quote or list markers at the start of a line, each with its following spaces. */
const CONTAINER_MARKER = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;
const DELIMITER_RUN = new RegExp(`([*_~])\\1{${MAX_DELIMITER_RUN},}`, 'g');

const escapeMarker = (marker: string) => marker.replace(/^(\d*)([>*+.)-])/, '$1\\$2');

function boundLine(line: string): string {
  let indentEnd = 0;
  while (indentEnd < line.length && (line[indentEnd] === ' ' || line[indentEnd] === '\t')) indentEnd++;
  let out = indentEnd > MAX_INDENT ? line.slice(0, MAX_INDENT) : line.slice(0, indentEnd);
  let rest = line.slice(indentEnd);
  let depth = 0;
  let kept = '';
  let escaped = '';
  for (;;) {
    const m = CONTAINER_MARKER.exec(rest);
    if (!m || m[0].length === 0) break;
    if (depth < MAX_MARKDOWN_DEPTH) kept += m[0];
    else escaped += escapeMarker(m[0]);
    depth++;
    rest = rest.slice(m[0].length);
  }
  out += kept + escaped + rest;
  return out.includes('*') || out.includes('_') || out.includes('~') ? out.replace(DELIMITER_RUN, (run) => run.replace(/./g, '\\$&')) : out;
}

/** The Markdown with its nesting cut to the limits above (unchanged for any ordinary text). */
export function boundMarkdown(markdown: string): string {
  return markdown.split('\n').map(boundLine).join('\n');
}
