import { describe, expect, it } from 'vitest';
import { IncrementalText } from './incrementalText';

/** A toy decoder: each id is one byte of UTF-8; the special id 0 decodes to nothing. */
const decode = (ids: bigint[]) => new TextDecoder().decode(Uint8Array.from(ids.filter((id) => id !== 0n).map(Number)));
const bytes = (text: string) => [...new TextEncoder().encode(text)].map(BigInt);

describe('IncrementalText', () => {
  it('hands on what each token adds', () => {
    const text = new IncrementalText(decode);
    expect(bytes('Lava').map((id) => text.push([id]))).toEqual(['L', 'a', 'v', 'a']);
    expect(text.text).toBe('Lava');
  });

  it('holds back a character split over tokens until it is complete', () => {
    const text = new IncrementalText(decode);
    const [a, b, c] = bytes('火');
    expect([text.push([a!]), text.push([b!]), text.push([c!])]).toEqual(['', '', '火']);
  });

  it('shows nothing for special tokens, and finish() hands on an incomplete end', () => {
    const text = new IncrementalText(decode);
    expect(text.push([0n])).toBe('');
    expect(text.push(bytes('火').slice(0, 2))).toBe('');
    expect(text.finish()).toBe('\uFFFD');
    expect(new IncrementalText(decode).finish()).toBe('');
  });
});
