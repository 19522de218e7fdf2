// Benchmarks: `npm run bench` (tsx). Runs every suite in scripts/bench/, prints each one's table and
// writes bench-results.json: one record per measurement, { suite, case, n, dim, metric, value, unit }.
// BENCH_SUITES=a,b runs only the named suites (the other suites' records in bench-results.json are kept).
// IndexedDB for Node, before any suite's module loads Dexie (which looks for it once, when it loads): the
// workspace storage suite needs it.
import 'fake-indexeddb/auto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chunkingSuite } from './bench/chunking';
import { chunkingLibrariesSuite } from './bench/chunkingLibraries';
import { firstScreenSuite } from './bench/firstScreen';
import { keywordSearchSuite } from './bench/keywordSearch';
import { lsaSuite } from './bench/lsa';
import { adapterSuite } from './bench/adapter';
import type { BenchRecord, BenchSuite } from './bench/common';
import { ingestSuite } from './bench/ingest';
import { parsingSuite } from './bench/parsing';
import { rerankSuite } from './bench/rerank';
import { retrievalQualitySuite } from './bench/retrievalQuality';
import { vectorIndexSuite } from './bench/vectorIndex';
import { vectorIndexBrowserSuite } from './bench/vectorIndexBrowser';
import { workspaceDbSuite } from './bench/workspaceDb';
import { productionExportSuite } from './bench/productionExport';

// Add a suite: a file in scripts/bench/ exporting a BenchSuite, and one line here.
const SUITES: BenchSuite[] = [
  vectorIndexSuite,
  vectorIndexBrowserSuite,
  chunkingSuite,
  chunkingLibrariesSuite,
  workspaceDbSuite,
  parsingSuite,
  ingestSuite,
  keywordSearchSuite,
  rerankSuite,
  lsaSuite,
  productionExportSuite,
  adapterSuite,
  retrievalQualitySuite,
  firstScreenSuite,
];

async function main(): Promise<void> {
  const only = process.env.BENCH_SUITES?.split(',');
  const records: BenchRecord[] = [];
  for (const suite of SUITES) {
    if (only && !only.includes(suite.name)) continue;
    console.log(`\n== ${suite.name} ==`);
    await suite.run(records);
  }
  // The records of the suites that did not run this time are kept (BENCH_SUITES runs a few).
  const ran = new Set(records.map((r) => r.suite));
  const kept = existsSync('bench-results.json')
    ? (JSON.parse(readFileSync('bench-results.json', 'utf8')) as BenchRecord[]).filter((r) => !ran.has(r.suite))
    : [];
  writeFileSync('bench-results.json', `${JSON.stringify([...kept, ...records], null, 2)}\n`);
  console.log(`\nWrote bench-results.json (${records.length} records). Node ${process.version}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
