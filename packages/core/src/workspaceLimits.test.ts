// The checks every reader of a saved or imported workspace applies: plain ids (no prototype keys),
// plausible dates, fields within the limits, finite non-zero vectors.
import { describe, expect, it } from 'vitest';
import { documentFieldProblem, isPlainId, isPlausibleTimestamp, MAX_TIMESTAMP, packedVectorsProblem, storedDocumentProblem } from './workspaceLimits';

const good = { id: 'doc-1', name: 'a.txt', kind: 'text', text: 'Lava.', sizeBytes: 5, addedAt: 1_700_000_000_000 };

describe('workspace limits', () => {
  it('takes plain ids and refuses prototype keys, empty, too long and control characters', () => {
    for (const id of ['doc-1', 'doc-mh3k2-ab', '文档', 'a'.repeat(200), 'proto', '__proto', 'Constructor']) expect(isPlainId(id)).toBe(true);
    for (const id of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'isPrototypeOf',
      '__defineGetter__',
      '',
      'a'.repeat(201),
      'a\nb',
      7,
      null,
      undefined,
      {},
    ])
      expect(isPlainId(id)).toBe(false);
  });

  it('takes times from 1970 to the end of 9999, as whole numbers', () => {
    for (const t of [0, 1_700_000_000_000, MAX_TIMESTAMP]) expect(isPlausibleTimestamp(t)).toBe(true);
    for (const t of [-1, MAX_TIMESTAMP + 1, 1e20, 1.5, NaN, Infinity, 'yesterday', '1700000000000', null]) expect(isPlausibleTimestamp(t)).toBe(false);
    expect(new Date(MAX_TIMESTAMP).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it('names the first unusable field of a stored document', () => {
    expect(storedDocumentProblem(good)).toBeNull();
    expect(
      storedDocumentProblem({ ...good, structure: { pages: [{ page: 1, start: 0, end: 5 }] }, encoding: 'utf-8', contentHash: 'a'.repeat(64) }),
    ).toBeNull();
    expect(storedDocumentProblem(null)).toBe('record');
    expect(storedDocumentProblem([good])).toBe('record');
    expect(storedDocumentProblem({ ...good, text: null })).toBe('text');
    expect(storedDocumentProblem({ ...good, addedAt: 'yesterday' })).toBe('addedAt');
    expect(storedDocumentProblem({ ...good, addedAt: 1e20 })).toBe('addedAt');
    expect(storedDocumentProblem({ ...good, id: '__proto__' })).toBe('id');
    expect(storedDocumentProblem({ ...good, name: 5 })).toBe('name');
    expect(storedDocumentProblem({ ...good, kind: 'exe' })).toBe('kind');
    expect(storedDocumentProblem({ ...good, sizeBytes: -1 })).toBe('sizeBytes');
    expect(storedDocumentProblem({ ...good, structure: { pages: [{ page: 1, start: 0, end: 50 }] } })).toBe('structure');
    expect(storedDocumentProblem({ ...good, encoding: '' })).toBe('encoding');
    expect(storedDocumentProblem({ ...good, contentHash: 'abc' })).toBe('contentHash');
    // Prototype keys in the record itself are just data.
    expect(storedDocumentProblem(JSON.parse('{"__proto__": {"text": "x"}, "id": "d", "name": "n", "kind": "text", "sizeBytes": 1, "addedAt": 0}'))).toBe(
      'text',
    );
    expect(documentFieldProblem({ ...good }, 300 * 1024 * 1024)).toBe('text');
  });

  it('finds the first chunk whose vector is not finite or all zeros', () => {
    expect(packedVectorsProblem(new Float32Array([1, 0, 0, -0.5]), 2)).toBeNull();
    expect(packedVectorsProblem(new Float32Array([1, 0, 0, -0]), 2)).toEqual({ position: 1, problem: 'zero' });
    expect(packedVectorsProblem(new Float32Array([1, NaN, 0, 0]), 2)).toEqual({ position: 0, problem: 'not-finite' });
    expect(packedVectorsProblem(new Float32Array([1, 1, Infinity, 0]), 2)).toEqual({ position: 1, problem: 'not-finite' });
    expect(packedVectorsProblem(new Float32Array([]), 4)).toBeNull();
  });
});
