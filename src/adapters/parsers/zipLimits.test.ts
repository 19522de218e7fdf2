import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { makeDocxBomb, makeManyEntryZip } from '../../../scripts/hostile-fixtures';
import { parseDocx } from './docxParser';
import { readDirectory, unzipWithinLimits, ZIP_LIMITS } from './zipLimits';

const MB = 1024 * 1024;
const small = { ...ZIP_LIMITS, maxUnpackedBytes: 4 * MB, maxEntries: 50 };

describe('zip limits', () => {
  it('refuses a bomb from its central directory, before unpacking (the real 100 MB limit)', async () => {
    const bomb = makeDocxBomb(200 * MB);
    expect(bomb.length).toBeLessThan(600 * 1024);
    expect(await parseDocx(bomb)).toEqual({ ok: false, reason: 'docx-too-large', detail: '100 MB' });
  });

  it('refuses a bomb whose directory lies about its size, while inflating, without unpacking it all', () => {
    const bomb = makeDocxBomb(16 * MB, 1000);
    // Its first inflated steps already show a ratio no document has.
    expect(unzipWithinLimits(bomb)).toEqual({ ok: false, reason: 'archive-ratio', detail: '200' });
    // With no ratio limit, the size it declared is where inflating stops.
    const result = unzipWithinLimits(bomb, { ...ZIP_LIMITS, maxRatio: Infinity });
    expect(result).toMatchObject({ ok: false, reason: 'archive-damaged' });
    if (!result.ok) expect(result.detail).toMatch(/larger than it says/);
  });

  it('refuses a compression ratio no document has, even within the size limit', () => {
    expect(unzipWithinLimits(makeDocxBomb(3 * MB), small)).toMatchObject({ ok: false, reason: 'archive-ratio', detail: '200' });
  });

  it('refuses too many entries, counted from the directory', async () => {
    expect(unzipWithinLimits(makeManyEntryZip(51), small)).toEqual({ ok: false, reason: 'archive-too-many-entries', detail: '50' });
    expect(await parseDocx(makeManyEntryZip(10_001))).toMatchObject({ ok: false, reason: 'docx-too-many-entries', detail: '10,000' });
  });

  it('stops at the running total when the entries together pass the limit', () => {
    const stored = zipSync({ a: new Uint8Array(3 * MB).fill(1), b: new Uint8Array(2 * MB).fill(2) }, { level: 0 });
    expect(unzipWithinLimits(stored, small)).toMatchObject({ ok: false, reason: 'archive-too-large', detail: '4 MB' });
  });

  it('unpacks an ordinary zip whole and reads its directory', () => {
    const zip = zipSync({ 'a.txt': new TextEncoder().encode('alpha'), 'dir/b.txt': new Uint8Array(5000).fill(66) });
    expect(readDirectory(zip).map((e) => [e.name, e.unpacked])).toEqual([
      ['a.txt', 5],
      ['dir/b.txt', 5000],
    ]);
    const result = unzipWithinLimits(zip);
    if (!result.ok) throw new Error(result.reason);
    expect(new TextDecoder().decode(result.files['a.txt'])).toBe('alpha');
    expect(result.files['dir/b.txt']!.length).toBe(5000);
  });

  it('calls what is not a zip damaged', () => {
    expect(unzipWithinLimits(new TextEncoder().encode('not a zip at all, just words'))).toMatchObject({ ok: false, reason: 'archive-damaged' });
  });
});
