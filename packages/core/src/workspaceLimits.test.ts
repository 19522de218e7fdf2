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

  it('takes the extremes of float32 as finite and non-zero, and finds the first problem in order', () => {
    const tiny = 1.401298464324817e-45; // the smallest float32 (subnormal): its square still is not 0 in float64
    const huge = 3.4028234663852886e38; // the largest float32: squared, still finite in float64
    expect(packedVectorsProblem(new Float32Array([tiny, 0, -huge, huge]), 2)).toBeNull();
    expect(packedVectorsProblem(new Float32Array([1, 0, -Infinity, 1]), 2)).toEqual({ position: 1, problem: 'not-finite' });
    expect(packedVectorsProblem(new Float32Array([1, 1, 0, 0, NaN, 1]), 2)).toEqual({ position: 1, problem: 'zero' });
    expect(packedVectorsProblem(new Float32Array([1, 1, 0, NaN, 0, 0]), 2)).toEqual({ position: 1, problem: 'not-finite' });
  });

  it('agrees with a value-by-value check on random vectors with NaN, ±Infinity, ±0 and subnormals among them', () => {
    const reference = (values: Float32Array, dim: number) => {
      for (let j = 0; j < values.length / dim; j++) {
        const v = [...values.subarray(j * dim, (j + 1) * dim)];
        if (v.some((x) => !Number.isFinite(x))) return { position: j, problem: 'not-finite' };
        if (v.every((x) => x === 0)) return { position: j, problem: 'zero' };
      }
      return null;
    };
    const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 3.4e38];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 300; trial++) {
      const dim = 1 + Math.floor(rand() * 6);
      const values = new Float32Array(dim * (1 + Math.floor(rand() * 8)));
      for (let i = 0; i < values.length; i++) {
        const r = rand();
        values[i] = r < 0.35 ? 0 : r < 0.45 ? specials[Math.floor(rand() * specials.length)]! : rand() - 0.5;
      }
      expect(packedVectorsProblem(values, dim)).toEqual(reference(values, dim));
    }
  });
});
