// How many chunks Voy is used for on this device. Voy keeps every vector padded to 768 floats inside its
// wasm memory, which grows by about 10 KB per vector (about 1 GB at 100k x 384 dims), never shrinks,
// and sits beside the exact index's own copy. Past ~10k vectors its query is also slower than the exact
// scan (bench: `npm run bench`), so a big index gains nothing from it. The limit keeps Voy's memory near
// 1/16 of the device's memory, and never past 50,000 chunks (~500 MB, ~10 s to build on a slow machine).

/** Voy's memory per vector, in bytes (measured: ~1 GB for 100k vectors). */
export const VOY_BYTES_PER_VECTOR = 10_000;
/** Never more than this many chunks in Voy, whatever the device. */
export const VOY_MAX_ITEMS = 50_000;
/** navigator.deviceMemory is Chromium-only (and capped at 8); elsewhere assume this many GB. */
export const ASSUMED_DEVICE_MEMORY_GB = 4;

/** The most chunks Voy is used for, given navigator.deviceMemory in GB (undefined where the browser hides it). */
export function voyLimitFor(deviceMemoryGB: number | undefined): number {
  const gb = typeof deviceMemoryGB === 'number' && deviceMemoryGB > 0 ? deviceMemoryGB : ASSUMED_DEVICE_MEMORY_GB;
  const budget = (gb * 2 ** 30) / 16;
  return Math.min(VOY_MAX_ITEMS, Math.floor(budget / VOY_BYTES_PER_VECTOR / 1000) * 1000);
}
