import { describe, expect, it } from 'vitest';
import { LoadProgressTotals } from './loadProgressTotals';

describe('LoadProgressTotals', () => {
  it('sums bytes over every file seen, and names the file that moved', () => {
    let now = 1000;
    const totals = new LoadProgressTotals(() => now);
    expect(totals.update({ file: 'config.json', loadedBytes: 0, totalBytes: 0, done: false })).toEqual({
      progress: 0,
      text: 'config.json',
      timeElapsedS: 0,
      bytes: { loaded: 0, total: 0 },
      files: [{ file: 'config.json', loadedBytes: 0, totalBytes: 0, done: false }],
    });
    totals.update({ file: 'config.json', loadedBytes: 100, totalBytes: 100, done: true });
    now = 3000;
    const half = totals.update({ file: 'onnx/model.onnx', loadedBytes: 450, totalBytes: 900, done: false });
    expect(half).toEqual({
      progress: 0.55,
      text: 'onnx/model.onnx',
      timeElapsedS: 2,
      bytes: { loaded: 550, total: 1000 },
      files: [
        { file: 'config.json', loadedBytes: 100, totalBytes: 100, done: true },
        { file: 'onnx/model.onnx', loadedBytes: 450, totalBytes: 900, done: false },
      ],
    });
    expect(totals.update({ file: 'onnx/model.onnx', loadedBytes: 900, totalBytes: 900, done: true }).progress).toBe(1);
  });
});
