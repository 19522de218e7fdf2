// Text deltas from a growing list of token ids, one delta per token where possible. Decoding the whole
// list each time keeps the text exactly as the tokenizer writes it (spaces, merged characters); an
// incomplete UTF-8 character (U+FFFD at the end, a Chinese character split over byte tokens) waits for
// the token that completes it.
export class IncrementalText {
  private readonly ids: bigint[] = [];
  private shown = '';

  constructor(private readonly decode: (ids: bigint[]) => string) {}

  /** Add tokens; returns the text they add ('' when nothing printable is complete yet). */
  push(ids: readonly bigint[]): string {
    this.ids.push(...ids);
    const text = this.decode(this.ids);
    if (text.endsWith('\uFFFD')) return '';
    return this.advance(text);
  }

  /** What is left to show once the last token is in, incomplete characters included. */
  finish(): string {
    return this.ids.length === 0 ? '' : this.advance(this.decode(this.ids));
  }

  get text(): string {
    return this.shown;
  }

  private advance(text: string): string {
    // A tokenizer may rewrite earlier text when more follows; what was shown stays shown.
    if (!text.startsWith(this.shown)) return '';
    const delta = text.slice(this.shown.length);
    this.shown = text;
    return delta;
  }
}
