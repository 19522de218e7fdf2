import { describe, expect, it } from 'vitest';
import { ASSUMED_DEVICE_MEMORY_GB, VOY_BYTES_PER_VECTOR, VOY_MAX_ITEMS, voyLimitFor } from './voyLimit';

describe('voyLimitFor', () => {
  it('scales with the device memory, keeps Voy near 1/16 of it, and never passes 50,000', () => {
    expect(voyLimitFor(8)).toBe(VOY_MAX_ITEMS);
    expect(voyLimitFor(4)).toBe(26_000);
    expect(voyLimitFor(2)).toBe(13_000);
    expect(voyLimitFor(0.5)).toBe(3_000);
    for (const gb of [0.25, 0.5, 1, 2, 4, 8]) expect(voyLimitFor(gb) * VOY_BYTES_PER_VECTOR).toBeLessThanOrEqual((gb * 2 ** 30) / 16);
  });

  it('assumes a middling device where the browser does not say', () => {
    expect(voyLimitFor(undefined)).toBe(voyLimitFor(ASSUMED_DEVICE_MEMORY_GB));
    expect(voyLimitFor(0)).toBe(voyLimitFor(ASSUMED_DEVICE_MEMORY_GB));
    expect(voyLimitFor(Number.NaN)).toBe(voyLimitFor(ASSUMED_DEVICE_MEMORY_GB));
  });
});
