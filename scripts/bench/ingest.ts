// Heavy input through the app's reading path, each beside a plain loop over the same bytes:
// - a 30,000-paragraph HTML page (about 1.8 MB) through the HTML parser (htmlparser2 + TextBuilder),
//   against decoding the same bytes with TextDecoder;
// - 1,000 and 10,000 small text files (about 60 bytes each) through the ingestion queue's batching path
//   (createIngestStore with the real parsers in-thread: read, hash, parse, add to the documents store in
//   batches; no IndexedDB in Node, so no saving), against reading and decoding the same files in a loop.
// Median of 3 runs (1 for 10,000 files).
import { parseHtml } from '../../src/adapters/parsers/htmlParser';
import { parseDocument } from '../../src/adapters/parsers/parseDocument';
import { useDocumentsStore } from '../../src/state/documents/documentsStore';
import { createIngestStore, inThreadParser } from '../../src/state/documents/ingestStore';
import { makeLongHtml, smallTextFiles } from '../hostile-fixtures';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

const PARAGRAPHS = 30_000;

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return percentile(times, 50);
}

async function benchHtml(records: BenchRecord[]): Promise<void> {
  const bytes = new TextEncoder().encode(makeLongHtml(PARAGRAPHS));
  const check = await parseHtml(bytes);
  if (!check.ok) throw new Error(`The benchmark page could not be read: ${check.reason}`);
  const parse = await median(3, () => parseHtml(bytes));
  const plain = await median(3, async () => new TextDecoder().decode(bytes));
  records.push({ suite: 'ingest', case: 'html-30k-paragraphs', n: PARAGRAPHS, dim: 0, metric: 'time-p50', value: round(parse, 1), unit: 'ms' });
  records.push({ suite: 'ingest', case: 'html-30k-paragraphs-plain-decode', n: PARAGRAPHS, dim: 0, metric: 'time-p50', value: round(plain, 2), unit: 'ms' });
  console.log(
    `\nA ${PARAGRAPHS}-paragraph HTML page (${round(bytes.length / 1e6, 2)} MB): read in ${round(parse, 1)} ms; decoding the bytes alone ${round(plain, 2)} ms`,
  );
}

async function benchFiles(records: BenchRecord[], count: number, runs: number): Promise<void> {
  const inputs = smallTextFiles(count);
  const files = () => inputs.map((f) => new File([f.text], f.name));
  const queue = await median(runs, async () => {
    useDocumentsStore.getState().clearAll();
    const store = createIngestStore(inThreadParser(parseDocument));
    await store.getState().addFiles(files());
    const added = store.getState().items.filter((i) => i.status === 'added').length;
    if (added !== count) throw new Error(`Only ${added} of ${count} files were added.`);
  });
  const plain = await median(runs, async () => {
    const decoder = new TextDecoder();
    let chars = 0;
    for (const file of files()) chars += decoder.decode(await file.arrayBuffer()).length;
    return chars;
  });
  useDocumentsStore.getState().clearAll();
  const rate = count / (queue / 1000);
  records.push({ suite: 'ingest', case: `small-files-${count}`, n: count, dim: 0, metric: 'time-p50', value: round(queue, 1), unit: 'ms' });
  records.push({ suite: 'ingest', case: `small-files-${count}`, n: count, dim: 0, metric: 'files-per-second', value: round(rate, 0), unit: 'files/s' });
  records.push({ suite: 'ingest', case: `small-files-${count}-plain-loop`, n: count, dim: 0, metric: 'time-p50', value: round(plain, 1), unit: 'ms' });
  console.log(
    `${count} small files through the ingestion queue: ${round(queue, 1)} ms = ${round(rate, 0)} files/s; reading the same files in a plain loop ${round(plain, 1)} ms`,
  );
}

export const ingestSuite: BenchSuite = {
  name: 'ingest',
  async run(records) {
    await benchHtml(records);
    await benchFiles(records, 1_000, 3);
    await benchFiles(records, 10_000, 1);
  },
};
