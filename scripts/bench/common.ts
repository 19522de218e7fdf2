// Shared pieces of the benchmark suites: the record format of bench-results.json and small helpers.

/** One measurement, as written to bench-results.json. */
export interface BenchRecord {
  suite: string;
  case: string;
  /** How many items (chunks, vectors, pages...) the case ran on. */
  n: number;
  /** Vector dimension, 0 where none. */
  dim: number;
  metric: string;
  value: number;
  unit: string;
}

/** A benchmark suite: runs its cases, pushes its records and prints its own table. */
export interface BenchSuite {
  name: string;
  run(records: BenchRecord[]): Promise<void>;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
export function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
