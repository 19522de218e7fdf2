// WorkspaceDb keeps a query adapter with the live index: saved, read back bit for bit, removed; dropped on
// load when it belongs to another model or is damaged; refused when there is no index to keep it with.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkText } from '@openbook/core/chunking';
import type { SourceDocument } from '@openbook/core/types';
import { identityWeights } from '@openbook/core/adapterTraining/linearAdapter';
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { WorkspaceDb } from './workspaceDb';
import type { IndexSnapshot } from './workspaceStorage';

const DIM = 8;
const open: WorkspaceDb[] = [];
let count = 0;
const newDb = () => {
  const db = new WorkspaceDb(`adapter-test-${++count}`);
  open.push(db);
  return db;
};
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const doc: SourceDocument = { id: 'd', name: 'd.txt', kind: 'text', text: 'Lava flows from the crater. Magma rises slowly.', sizeBytes: 46, addedAt: 1 };
function snapshot(modelId = 'test/model'): IndexSnapshot {
  const rand = mulberry32(3);
  const chunks = chunkText(doc.id, doc.text, { chunkSize: 20, overlap: 0 });
  return {
    modelId,
    device: 'wasm',
    dimension: DIM,
    chunking: { kind: 'recursive', chunkSize: 20, overlap: 0 },
    chunks,
    vectors: chunks.map(() => randomUnitVector(rand, DIM)),
  };
}
const metrics = { questions: 2, hits: 1, hitRate: 0.5, mrr: 0.5 };
function adapter(modelId = 'test/model'): SavedAdapter {
  const weights = identityWeights(DIM);
  weights[3] = 0.25;
  return {
    modelId,
    dimension: DIM,
    weights,
    enabled: true,
    trainedAt: 5,
    trainCount: 6,
    heldOutCount: 2,
    k: 5,
    before: metrics,
    after: metrics,
    losses: [2, 1.5],
  };
}

describe('WorkspaceDb adapter', () => {
  it('keeps the adapter with the index, and removes it', async () => {
    const db = newDb();
    expect(await db.saveAdapter(adapter())).toBe(false); // no index yet
    await db.saveDocument(doc);
    await db.saveIndex(snapshot());
    expect(await db.saveAdapter(adapter())).toBe(true);
    const loaded = (await db.load()).index!.adapter!;
    expect(loaded.weights[3]).toBe(0.25);
    expect(loaded).toEqual(adapter());
    await db.saveAdapter(null);
    expect((await db.load()).index!.adapter).toBeUndefined();
  });

  it('a snapshot saved with its adapter keeps it; one of another model is not read back', async () => {
    const db = newDb();
    await db.saveDocument(doc);
    await db.saveIndex({ ...snapshot(), adapter: adapter() });
    expect((await db.load()).index!.adapter?.modelId).toBe('test/model');
    await db.saveIndex({ ...snapshot(), adapter: adapter('other/model') });
    const { index } = await db.load();
    expect(index).not.toBeNull();
    expect(index!.adapter).toBeUndefined();
  });

  it('a damaged adapter is left out, the index still loads', async () => {
    const db = newDb();
    await db.saveDocument(doc);
    await db.saveIndex(snapshot());
    await db.saveAdapter({ ...adapter(), weights: new Float32Array(3) });
    const { index } = await db.load();
    expect(index!.chunks.length).toBeGreaterThan(0);
    expect(index!.adapter).toBeUndefined();
  });
});
