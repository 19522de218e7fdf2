// Reranking with the fixture cross-encoder in Node (transformers.js on onnxruntime-node, CPU): the cost of
// the stage around the model (tokenising question + chunk pairs, batching, one ONNX call per batch, the
// sigmoid). The fixture's graph is trivial, so this is the floor under a real cross-encoder, whose
// transformer layers add their own time (in the browser, per candidate: see the app's "Reranked ... per
// candidate" line).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkText } from '@openbook/core/chunking';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus';
import { TransformersReranker } from '../../src/adapters/reranker/transformersReranker';
import { makeFixtureModels } from '../make-fixture-models';
import { FIXTURE_RERANKER_ID } from '../make-fixture-reranker';
import { percentile, round, type BenchSuite } from './common';

const SOURCE = { remoteHost: 'https://huggingface.co', basePath: '/' };
const QUESTION = 'How does a reranker improve retrieval?';

export const rerankSuite: BenchSuite = {
  name: 'rerank',
  async run(records) {
    const dir = await mkdtemp(join(tmpdir(), 'openbook-bench-rerank-'));
    try {
      await makeFixtureModels(dir);
      const reranker = new TransformersReranker({ localModelPath: `${dir}/`, batchSize: 8 });
      await reranker.load({ id: FIXTURE_RERANKER_ID, label: 'fixture', sizeMB: 0, languages: ['en'], maxTokens: 512 }, 'wasm', SOURCE, () => {});
      const chunks = SAMPLE_DOCUMENTS.flatMap((d) => chunkText(d.name, d.text, { chunkSize: 500, overlap: 50 }).map((c) => c.text));
      console.log('\nFixture cross-encoder, Node CPU, batches of 8, sample-corpus chunks of 500 characters');
      for (const n of [20, 50]) {
        const passages = Array.from({ length: n }, (_, i) => chunks[i % chunks.length]!);
        await reranker.score(QUESTION, passages); // warm-up
        const times: number[] = [];
        for (let run = 0; run < 7; run++) {
          const t0 = performance.now();
          await reranker.score(QUESTION, passages);
          times.push(performance.now() - t0);
        }
        const p50 = percentile(times, 50);
        const c = `fixture-node-cpu-${n}-candidates`;
        records.push({ suite: 'rerank', case: c, n, dim: 0, metric: 'time-p50', value: round(p50, 1), unit: 'ms' });
        records.push({ suite: 'rerank', case: c, n, dim: 0, metric: 'per-candidate-p50', value: round(p50 / n, 2), unit: 'ms' });
        console.log(`  ${n} candidates: p50 ${round(p50, 1)} ms = ${round(p50 / n, 2)} ms per candidate`);
      }
      await reranker.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
