// Citations in an answer: "[1]", "[1][2]", "[1, 2]" that refer to the numbered chunks of the prompt's
// context. Pure: splits the answer text into plain text and citation parts, without changing a character.
//
// A bracket group of numbers separated by commas (",", "，" or "、") is a citation group. Each number in
// 1..chunkCount becomes a citation part; numbers outside that range, and the brackets and separators,
// stay text. A group that holds a single citable number is one part, brackets included ("[1]").

export type AnswerPart = { kind: 'text'; text: string } | { kind: 'citation'; text: string; chunkNumber: number };

const GROUP = /\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]/g;
const NUMBER = /\d+/g;

export function splitCitations(answer: string, chunkCount: number): AnswerPart[] {
  const parts: AnswerPart[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  const citable = (n: number) => Number.isInteger(n) && n >= 1 && n <= chunkCount;
  let last = 0;
  for (const group of answer.matchAll(GROUP)) {
    pushText(answer.slice(last, group.index));
    last = group.index + group[0].length;
    const numbers = [...group[0].matchAll(NUMBER)];
    if (numbers.length === 1 && citable(Number(numbers[0]![0]))) {
      parts.push({ kind: 'citation', text: group[0], chunkNumber: Number(numbers[0]![0]) });
      continue;
    }
    let inner = 0;
    for (const number of numbers) {
      const n = Number(number[0]);
      if (!citable(n)) continue;
      pushText(group[0].slice(inner, number.index));
      parts.push({ kind: 'citation', text: number[0], chunkNumber: n });
      inner = number.index + number[0].length;
    }
    pushText(group[0].slice(inner));
  }
  pushText(answer.slice(last));
  return parts;
}
