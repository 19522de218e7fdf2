// Checking a document's structure (pages, sections) read back from a file: every span must lie inside
// the text. Pure.
import type { DocumentStructure } from './types';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isSpan = (x: Record<string, unknown>, textLength: number) => isCount(x.start) && isCount(x.end) && x.start <= x.end && x.end <= textLength;

/** Whether `x` is a DocumentStructure whose spans all lie in a text of `textLength` code units. */
export function isValidStructure(x: unknown, textLength: number): x is DocumentStructure {
  if (!isRecord(x)) return false;
  if (x.pages !== undefined) {
    if (!Array.isArray(x.pages)) return false;
    for (const p of x.pages) if (!isRecord(p) || !isCount(p.page) || p.page === 0 || !isSpan(p, textLength)) return false;
  }
  if (x.sections !== undefined) {
    if (!Array.isArray(x.sections)) return false;
    for (const s of x.sections) {
      if (!isRecord(s) || !isSpan(s, textLength)) return false;
      if (!Number.isSafeInteger(s.level) || (s.level as number) < 1 || (s.level as number) > 6) return false;
      if (!Array.isArray(s.headingPath) || s.headingPath.length === 0 || !s.headingPath.every((h) => typeof h === 'string')) return false;
    }
  }
  return true;
}

export const isContentHash = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
