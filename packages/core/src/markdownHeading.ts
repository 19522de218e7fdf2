// One Markdown ATX heading line (`# Title`, `## Title ##`): its level and title. Read character by
// character, in time linear in the line: the regular expression it replaces backtracked quadratically on
// a long run of spaces and tabs (a 40,000-character hostile line took seconds). Pure.

const isSpaceOrTab = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The heading of this line, or null when it is not an ATX heading: up to three spaces, one to six `#`,
 * then a space, a tab or the end; the title without the optional closing `#`s (a run of them after a
 * space or tab) and without surrounding whitespace.
 */
export function atxHeading(line: string): { level: number; title: string } | null {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let level = 0;
  while (line[i + level] === '#') level++;
  if (level < 1 || level > 6) return null;
  i += level;
  if (i < line.length && !isSpaceOrTab(line[i])) return null;
  let end = line.length;
  while (end > i && isSpaceOrTab(line[end - 1])) end--;
  let closing = end;
  while (closing > i && line[closing - 1] === '#') closing--;
  if (closing < end && (closing === i || isSpaceOrTab(line[closing - 1]))) end = closing;
  return { level, title: line.slice(i, end).trim() };
}
