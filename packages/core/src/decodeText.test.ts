import { describe, expect, it } from 'vitest';
import { checkPastedText, decodeTextBytes, decodeTextFile } from './decodeText';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeTextFile', () => {
  it('decodes UTF-8 text and Markdown, normalising line endings', () => {
    const r = decodeTextFile('a.txt', utf8('Hello\r\nworld\r火山'));
    expect(r).toEqual({ ok: true, text: 'Hello\nworld\n火山', encoding: 'utf-8', kind: 'text' });
    const md = decodeTextFile('Notes.MD', utf8('# Title'));
    expect(md.ok && md.kind).toBe('markdown');
  });

  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', () => {
    const bom = decodeTextFile('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('hi')]));
    expect(bom.ok && bom.text).toBe('hi');
    const le = new Uint8Array([0xff, 0xfe, 0x6b, 0x70, 0x71, 0x5c]); // "火山" in UTF-16LE
    const r = decodeTextFile('a.txt', le);
    expect(r.ok && r.text).toBe('火山');
    expect(r.ok && r.encoding).toBe('utf-16le');
  });

  it('names each kind of bad input', () => {
    expect(decodeTextFile('a.pdf', utf8('x'))).toEqual({ ok: false, reason: 'unsupported-type', detail: '.pdf' });
    expect(decodeTextFile('README', utf8('x'))).toMatchObject({ ok: false, reason: 'unsupported-type' });
    expect(decodeTextFile('a.txt', new Uint8Array())).toEqual({ ok: false, reason: 'empty-file' });
    expect(decodeTextFile('a.txt', utf8(' \n\t '))).toEqual({ ok: false, reason: 'whitespace-only' });
    expect(decodeTextFile('a.txt', new Uint8Array([0x61, 0xc3, 0x28, 0x62]))).toEqual({ ok: false, reason: 'unknown-encoding' });
    expect(decodeTextFile('a.txt', new Uint8Array([0x61, 0x00, 0x62]))).toEqual({ ok: false, reason: 'not-text' });
  });

  it('reads GB18030/GBK Chinese text and says so', () => {
    // "火山和茶叶。" in GBK.
    const gbk = new Uint8Array([0xbb, 0xf0, 0xc9, 0xbd, 0xba, 0xcd, 0xb2, 0xe8, 0xd2, 0xb6, 0xa1, 0xa3]);
    expect(decodeTextBytes(gbk)).toEqual({ ok: true, text: '火山和茶叶。', encoding: 'gb18030' });
  });

  it('decodes UTF-16 big-endian with a BOM', () => {
    expect(decodeTextBytes(new Uint8Array([0xfe, 0xff, 0x70, 0x6b, 0x5c, 0x71]))).toEqual({ ok: true, text: '火山', encoding: 'utf-16be' });
  });

  it('does not guess: Latin-1 bytes are refused, not read as GB18030', () => {
    // "café crème" in Latin-1: not UTF-8, and é followed by a space is no GB18030 either.
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]);
    expect(decodeTextBytes(latin1)).toEqual({ ok: false, reason: 'unknown-encoding' });
    // Random bytes with control characters are binary.
    expect(decodeTextBytes(new Uint8Array([0x81, 0x01, 0x02, 0xff, 0x00, 0x03]))).toEqual({ ok: false, reason: 'not-text' });
  });

  it('checks pasted text', () => {
    expect(checkPastedText('  ')).toBe('whitespace-only');
    expect(checkPastedText('RAG')).toBeNull();
  });
});
