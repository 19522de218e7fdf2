import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { GBK_TEXT, makeGbkText, makeUtf16Text } from '../../../scripts/document-fixtures';
import { parseText } from './textParser';
import { decodeTextWithCheck } from './textEncoding';

describe('parseText', async () => {
  it('reads a GBK file as GB18030 and says so', async () => {
    expect(await parseText(makeGbkText(), 'text')).toEqual({ ok: true, doc: { kind: 'text', text: GBK_TEXT, encoding: 'gb18030' } });
  });

  it('reads UTF-16 with a BOM, and UTF-8 with and without a BOM', async () => {
    expect(await parseText(makeUtf16Text('火山 volcano'), 'text')).toMatchObject({ ok: true, doc: { text: '火山 volcano', encoding: 'utf-16le' } });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('tea')]);
    expect(await parseText(bom, 'text')).toMatchObject({ ok: true, doc: { text: 'tea', encoding: 'utf-8' } });
  });

  it('hands a large text over in slices: joined, they are the text; the bytes read reach the file size', async () => {
    const text = '火山 volcano 😀 lava.\r\n'.repeat(30_000);
    const bytes = new TextEncoder().encode(text);
    const slices: string[] = [];
    const read: number[] = [];
    const r = await parseText(bytes, 'text', (slice, p) => {
      slices.push(slice);
      read.push(p.done);
      expect(p).toMatchObject({ total: bytes.length, unit: 'bytes' });
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.doc.text === text.replaceAll('\r\n', '\n')).toBe(true); // line ends read as LF
    expect(slices.length).toBeGreaterThan(2);
    expect(slices.join('') === r.doc.text).toBe(true);
    expect(read.at(-1)).toBe(bytes.length);
    expect(read).toEqual([...read].sort((a, b) => a - b));
  });

  it('keeps Markdown as it is and adds its sections', async () => {
    const md = '# Tea\n\nGreen.\n\n## Oolong\n\nHalf.';
    const r = await parseText(new TextEncoder().encode(md), 'markdown');
    expect(r).toMatchObject({ ok: true, doc: { kind: 'markdown', text: md } });
    expect(r.ok && r.doc.structure?.sections?.map((s) => s.headingPath)).toEqual([['Tea'], ['Tea', 'Oolong']]);
  });

  it('keeps the specific reasons for bad text', async () => {
    expect(await parseText(new TextEncoder().encode(' \n '), 'text')).toEqual({ ok: false, reason: 'whitespace-only' });
    expect(await parseText(new Uint8Array([0, 1, 2, 3, 0xff]), 'text')).toEqual({ ok: false, reason: 'not-text' });
  });
});

describe('decodeTextWithCheck', async () => {
  it('refuses Japanese Shift-JIS rather than showing it as Chinese', async () => {
    const sjis = new Uint8Array(iconv.encode('日本語のテキストです。これは長い文章で、エンコーディングの検出を試します。', 'shift_jis'));
    expect(new TextDecoder('gb18030', { fatal: true }).decode(sjis)).toBeTruthy();
    expect(await decodeTextWithCheck(sjis)).toEqual({ ok: false, reason: 'unsupported-encoding', detail: 'Shift_JIS' });
  });

  it('refuses Korean EUC-KR and Japanese EUC-JP, naming them', async () => {
    const euckr = new Uint8Array(iconv.encode('한국어 텍스트입니다. 이것은 인코딩 감지를 위한 긴 문장입니다.', 'euc-kr'));
    expect(await decodeTextWithCheck(euckr)).toEqual({ ok: false, reason: 'unsupported-encoding', detail: 'EUC-KR' });
    const eucjp = new Uint8Array(iconv.encode('日本語のテキストです。これは長い文章で、エンコーディングの検出を試します。', 'euc-jp'));
    expect(await decodeTextWithCheck(eucjp)).toEqual({ ok: false, reason: 'unsupported-encoding', detail: 'EUC-JP' });
  });

  it('reads Big5 Traditional Chinese as Big5', async () => {
    const text = '繁體中文的文字內容，這是一段比較長的句子，用來檢測編碼。';
    expect(await decodeTextWithCheck(new Uint8Array(iconv.encode(text, 'big5')))).toEqual({ ok: true, text, encoding: 'big5' });
  });
});
