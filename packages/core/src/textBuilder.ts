// A growing text that the parsers write into, linear in what is written: every question about its end
// (does it end in whitespace, how many newlines end it) and every trim of its end looks at the last few
// characters only, never rescans the whole text, and the text is joined once at the end. `work` counts the
// characters appended and inspected, so tests can check linearity without a clock.

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || /\s/.test(c);

export class TextBuilder {
  private parts: string[] = [];
  /** Characters of text so far. */
  length = 0;
  /** Characters appended plus characters inspected at the end (for linearity tests). */
  work = 0;

  append(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.length += text.length;
    this.work += text.length;
  }

  /** The last character, or '' when empty. */
  lastChar(): string {
    const last = this.parts.at(-1);
    this.work++;
    return last === undefined ? '' : last[last.length - 1]!;
  }

  endsWithSpace(): boolean {
    const c = this.lastChar();
    return c !== '' && isSpace(c);
  }

  /** How many '\n' end the text, counted up to `max`. */
  trailingNewlines(max: number): number {
    let n = 0;
    for (let p = this.parts.length - 1; p >= 0 && n < max; p--) {
      const part = this.parts[p]!;
      for (let i = part.length - 1; i >= 0 && n < max; i--) {
        this.work++;
        if (part[i] !== '\n') return n;
        n++;
      }
    }
    return n;
  }

  /** Remove the characters at the end for which `drop` holds. */
  trimEnd(drop: (c: string) => boolean): void {
    while (this.parts.length > 0) {
      const part = this.parts.at(-1)!;
      let i = part.length;
      while (i > 0 && drop(part[i - 1]!)) i--;
      this.work += part.length - i + 1;
      this.length -= part.length - i;
      if (i > 0) {
        if (i < part.length) this.parts[this.parts.length - 1] = part.slice(0, i);
        return;
      }
      this.parts.pop();
    }
  }

  toString(): string {
    const joined = this.parts.join('');
    this.parts = joined === '' ? [] : [joined];
    return joined;
  }
}

export const isBlank = isSpace;
