// Writes the app's PNG icons (public/icons/icon-192.png, icon-512.png, maskable-512.png) from the same
// shape as public/icons/icon.svg: a blue square with an open book. Run `npx tsx scripts/make-icons.ts`
// after changing the design; the PNGs are committed (a few KB each).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

type Rgba = [number, number, number, number];
const BLUE: Rgba = [0x24, 0x57, 0xc5, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PALE: Rgba = [0xdc, 0xe6, 0xfb, 255];
const NONE: Rgba = [0, 0, 0, 0];

/** The colour at (x, y) in the 64×64 design; `inset` shrinks the book for maskable icons' safe zone. */
function colourAt(x: number, y: number, rounded: boolean, inset: number): Rgba {
  const r = 12;
  if (rounded) {
    const cx = Math.min(Math.max(x, r), 64 - r);
    const cy = Math.min(Math.max(y, r), 64 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return NONE;
  }
  // Scale the book about the centre.
  const bx = 32 + (x - 32) / (1 - inset);
  const by = 32 + (y - 32) / (1 - inset);
  // Each page: between x 10..32 (left) or 32..54 (right), top edge rising from y 18 to 21, bottom from 48 to 51.
  const t = bx < 32 ? (bx - 10) / 22 : (54 - bx) / 22;
  if (t >= 0 && t <= 1) {
    const top = 18 + 3 * t;
    const bottom = 48 + 3 * t;
    if (by >= top && by <= bottom) return bx < 32 ? WHITE : PALE;
  }
  return BLUE;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, rounded: boolean, inset: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4; // supersampling per axis
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt(((x + (sx + 0.5) / ss) * 64) / size, ((y + (sy + 0.5) / ss) * 64) / size, rounded, inset);
          for (let i = 0; i < 4; i++) sum[i]! += c[i]! * (i < 3 ? c[3] / 255 : 1);
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const alpha = sum[3]! / (ss * ss);
      for (let i = 0; i < 3; i++) raw[o + i] = alpha > 0 ? Math.round(sum[i]! / (ss * ss) / (alpha / 255)) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

const dir = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', dir), png(192, true, 0));
writeFileSync(new URL('icon-512.png', dir), png(512, true, 0));
// Maskable: full bleed, the book inside the central safe zone.
writeFileSync(new URL('maskable-512.png', dir), png(512, false, 0.25));
