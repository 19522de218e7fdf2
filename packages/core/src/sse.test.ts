import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseParser } from './sse';

const all = (pieces: string[]) => {
  const parser = new SseParser();
  return [...pieces.flatMap((p) => parser.push(p)), ...parser.end()];
};

describe('SseParser', () => {
  it('reads data lines, events and [DONE] as OpenAI-compatible servers send them', () => {
    const stream = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    expect(all([stream])).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '{"b":2}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('handles CRLF and CR line ends, comments, event types, multi-line data and no space after the colon', () => {
    const stream = ': keep-alive\r\n\r\nevent: error\r\ndata:x\r\ndata: y\r\n\r\ndata: z\r\rdata: w\n\n';
    expect(all([stream])).toEqual([
      { event: 'error', data: 'x\ny' },
      { event: 'message', data: 'z' },
      { event: 'message', data: 'w' },
    ]);
  });

  it('drops an event whose closing blank line never came (a stream cut short)', () => {
    expect(all(['data: {"a":1}\n\ndata: {"b"'])).toEqual([{ event: 'message', data: '{"a":1}' }]);
    expect(all(['data: {"a":1}\n\ndata: {"b":2}\n'])).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });

  it('gives the same events however the stream is cut into pieces (CR LF split across pieces included)', () => {
    const stream = 'data: {"x":"héllo 你好"}\r\n\r\n: c\r\nevent: e\r\ndata: 1\r\ndata: 2\r\n\r\ndata: [DONE]\r\n\r\n';
    const whole = all([stream]);
    expect(whole).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const sorted = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces: string[] = [];
        let last = 0;
        for (const cut of sorted) {
          pieces.push(stream.slice(last, cut));
          last = cut;
        }
        pieces.push(stream.slice(last));
        expect(all(pieces)).toEqual(whole);
      }),
    );
  });
});
