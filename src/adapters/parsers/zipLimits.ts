// Resource limits for zip-based documents (.docx), checked before anything is unpacked for real: first
// the central directory (entry count, declared unpacked sizes, compression ratio), then every entry is
// inflated in small steps with a running byte count, because declared sizes can lie. A file over a limit
// is refused with the limit it broke; nothing larger than the limits is ever held in memory.
import { Inflate } from 'fflate';

export const ZIP_LIMITS = {
  /** Unpacked size of all entries together. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  /** Unpacked size / packed size of one entry, checked for entries above `ratioFloorBytes` unpacked. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export type ZipLimits = typeof ZIP_LIMITS;

export type ZipLimitFailure = 'archive-too-large' | 'archive-too-many-entries' | 'archive-ratio' | 'archive-damaged';

export type ZipResult = { ok: true; files: Record<string, Uint8Array> } | { ok: false; reason: ZipLimitFailure; detail: string };

interface Entry {
  name: string;
  method: number;
  flags: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
/** Inflated in steps of this many packed bytes (at most ~1,000× that unpacked per step). */
const STEP = 4096;

class Refused extends Error {
  constructor(
    readonly reason: ZipLimitFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end-of-central-directory record: where the directory lies and how many entries it says it has. */
function findDirectory(bytes: Uint8Array): { offset: number; count: number } {
  const dv = view(bytes);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (dv.getUint32(p, true) !== EOCD) continue;
    let count = dv.getUint16(p + 10, true);
    let offset = dv.getUint32(p + 16, true);
    const locator = p - 20;
    if ((count === 0xffff || offset === 0xffffffff) && locator >= 0 && dv.getUint32(locator, true) === ZIP64_LOCATOR) {
      const at = Number(dv.getBigUint64(locator + 8, true));
      if (at + 56 > bytes.length || dv.getUint32(at, true) !== ZIP64_EOCD) throw new Refused('archive-damaged', 'zip64 directory');
      count = Number(dv.getBigUint64(at + 32, true));
      offset = Number(dv.getBigUint64(at + 48, true));
    }
    return { offset, count };
  }
  throw new Refused('archive-damaged', 'no zip directory');
}

/** Sizes kept in the zip64 extra field when the 32-bit ones are 0xFFFFFFFF. */
function zip64Sizes(dv: DataView, start: number, end: number, entry: Entry): void {
  for (let p = start; p + 4 <= end; ) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const read = () => {
        if (q + 8 > p + 4 + size) throw new Refused('archive-damaged', 'zip64 sizes');
        const v = Number(dv.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (entry.unpacked === 0xffffffff) entry.unpacked = read();
      if (entry.packed === 0xffffffff) entry.packed = read();
      if (entry.localOffset === 0xffffffff) entry.localOffset = read();
      return;
    }
    p += 4 + size;
  }
}

/** Read the central directory and check what it declares against the limits. */
export function readDirectory(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Entry[] {
  const dv = view(bytes);
  const { offset, count } = findDirectory(bytes);
  if (count > limits.maxEntries) throw new Refused('archive-too-many-entries', limits.maxEntries.toLocaleString('en-US'));
  const entries: Entry[] = [];
  let total = 0;
  let p = offset;
  const decoder = new TextDecoder();
  while (p + 46 <= bytes.length && dv.getUint32(p, true) === CENTRAL) {
    if (entries.length >= limits.maxEntries) throw new Refused('archive-too-many-entries', limits.maxEntries.toLocaleString('en-US'));
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const entry: Entry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      packed: dv.getUint32(p + 20, true),
      unpacked: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    zip64Sizes(dv, p + 46 + nameLength, p + 46 + nameLength + extraLength, entry);
    total += entry.unpacked;
    if (total > limits.maxUnpackedBytes) throw new Refused('archive-too-large', mb(limits.maxUnpackedBytes));
    checkRatio(entry.unpacked, entry.packed, limits);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0) throw new Refused('archive-damaged', 'empty zip directory');
  return entries;
}

function checkRatio(unpacked: number, packed: number, limits: ZipLimits): void {
  if (unpacked > limits.ratioFloorBytes && unpacked > Math.max(1, packed) * limits.maxRatio) throw new Refused('archive-ratio', String(limits.maxRatio));
}

/** One entry's data, inflated step by step; stops as soon as it is larger than it said or than the budget. */
function inflateEntry(bytes: Uint8Array, entry: Entry, budget: number, limits: ZipLimits): Uint8Array {
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL) throw new Refused('archive-damaged', `entry ${entry.name}`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.packed;
  if (end > bytes.length) throw new Refused('archive-damaged', `entry ${entry.name}`);
  if (entry.flags & 1) throw new Refused('archive-damaged', 'encrypted entry');
  const packed = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (packed.length !== entry.unpacked) throw new Refused('archive-damaged', `entry ${entry.name} size`);
    return packed;
  }
  if (entry.method !== 8) throw new Refused('archive-damaged', `compression method ${entry.method}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > budget) throw new Refused('archive-too-large', mb(limits.maxUnpackedBytes));
    checkRatio(size, entry.packed, limits);
    // A size larger than declared is a lie; the declared sizes were what was checked.
    if (size > entry.unpacked) throw new Refused('archive-damaged', `entry ${entry.name} is larger than it says`);
    chunks.push(chunk);
  });
  try {
    for (let p = 0; p < packed.length; p += STEP) inflater.push(packed.subarray(p, Math.min(packed.length, p + STEP)), p + STEP >= packed.length);
    if (packed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused('archive-damaged', error instanceof Error ? error.message : String(error));
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Every entry of a zip, unpacked within the limits; or the limit it broke ('archive-damaged' for a file
 * that is not a readable zip). The detail is the limit (e.g. "100 MB"), for the message.
 */
export function unzipWithinLimits(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipResult {
  try {
    const entries = readDirectory(bytes, limits);
    const files: Record<string, Uint8Array> = {};
    let used = 0;
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      const data = inflateEntry(bytes, entry, limits.maxUnpackedBytes - used, limits);
      used += data.length;
      files[entry.name] = data;
    }
    return { ok: true, files };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.detail };
    return { ok: false, reason: 'archive-damaged', detail: error instanceof Error ? error.message : String(error) };
  }
}
