// The page side of the "vector-index-browser" suite (vectorIndexBrowser.ts bundles this file and runs it
// in headless Chromium): builds the exact index three ways on the same seeded random vectors and times
// searches, the engines taking turns on each query (rotating who goes first) so they see the same load.
import { ExactIndex } from '../../src/adapters/vectorIndex/exactIndex';
import { relaxedSimdAvailable } from '../../src/adapters/vectorIndex/scanKernel';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';

export interface PageResult {
  relaxed: boolean;
  build: Record<string, number>;
  times: Record<string, number[]>;
  rescored: Record<string, number[]>;
  agree: number;
}

async function run(n: number, dim: number, queries: number, k: number): Promise<PageResult> {
  const rand = mulberry32(1000 + n);
  const items = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, vector: randomUnitVector(rand, dim) }));
  const qs = Array.from({ length: queries }, () => randomUnitVector(rand, dim));
  const engines: Array<[string, ExactIndex]> = [
    ['exact', new ExactIndex()],
    ['exact-int8', new ExactIndex({ relaxed: false })],
    ['exact-f32', new ExactIndex({ twoStageFrom: Number.POSITIVE_INFINITY })],
  ];
  const build: Record<string, number> = {};
  for (const [name, index] of engines) {
    const t0 = performance.now();
    await index.build(items);
    build[name] = performance.now() - t0;
  }
  items.length = 0;
  const times: Record<string, number[]> = Object.fromEntries(engines.map(([name]) => [name, []]));
  const rescored: Record<string, number[]> = Object.fromEntries(engines.map(([name]) => [name, []]));
  let agree = 0;
  const warmup = 10;
  for (let i = -warmup; i < queries; i++) {
    const q = qs[(i + queries) % queries]!;
    const ids: Record<string, string> = {};
    for (let j = 0; j < engines.length; j++) {
      const [name, index] = engines[(i + warmup + j) % engines.length]!;
      const t0 = performance.now();
      const hits = index.topK(q, k);
      const ms = performance.now() - t0;
      ids[name] = hits.map((h) => `${h.id}:${h.score}`).join();
      if (i >= 0) {
        times[name]!.push(ms);
        rescored[name]!.push(index.lastScan!.rescored);
      }
    }
    if (i >= 0 && ids.exact === ids['exact-int8'] && ids.exact === ids['exact-f32']) agree++;
  }
  return { relaxed: relaxedSimdAvailable() && engines[0]![1].relaxedScan === true, build, times, rescored, agree };
}

(globalThis as unknown as { runVectorBench: typeof run }).runVectorBench = run;
