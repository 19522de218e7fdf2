// A workspace file carries the query adapter trained for its index's model (weights bit for bit, its
// switch, figures and loss curve); files without one still import; a damaged one refuses the whole file.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chunkText } from './chunking';
import type { RecursiveChunkerSettings } from './chunkers/settings';
import type { SourceDocument } from './types';
import { identityWeights } from './adapterTraining/linearAdapter';
import type { SavedAdapter } from './adapterTraining/savedAdapter';
import { exportWorkspace, parseWorkspaceFile, type WorkspaceContent } from './workspaceFile';
import { mulberry32, randomUnitVector } from './testing/seededRandom';

const DIM = 6;
const MODEL = 'test/model';
const chunking: RecursiveChunkerSettings = { kind: 'recursive', chunkSize: 40, overlap: 0 };
const documents: SourceDocument[] = [
  { id: 'a', name: 'a.txt', kind: 'text', text: 'Lava flows from the crater. Magma rises slowly.', sizeBytes: 46, addedAt: 1_700_000_000_000 },
];

function content(adapter?: SavedAdapter): WorkspaceContent {
  const rand = mulberry32(1);
  const chunks = documents.flatMap((d) => chunkText(d.id, d.text, chunking));
  const vectors = chunks.map(() => randomUnitVector(rand, DIM));
  return { documents, modelId: MODEL, device: 'wasm', dimension: DIM, chunking, chunks, vectors, ...(adapter ? { adapter } : {}) };
}

const metrics = { questions: 3, hits: 2, hitRate: 2 / 3, mrr: 0.5 };
function adapter(): SavedAdapter {
  const weights = identityWeights(DIM);
  weights[1] = -0.125;
  return {
    modelId: MODEL,
    dimension: DIM,
    weights,
    enabled: false,
    trainedAt: 1_700_000_000_500,
    trainCount: 7,
    heldOutCount: 3,
    k: 5,
    before: metrics,
    after: { ...metrics, mrr: 0.6 },
    losses: [1.5, 1.2, 0.9],
  };
}
const known = [{ id: MODEL, dimension: DIM }];

describe('workspace file with a query adapter', () => {
  it('round-trips the adapter', () => {
    const parsed = parseWorkspaceFile(exportWorkspace(content(adapter())), known);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.content.adapter).toEqual(adapter());
    expect(parsed.manifest.adapter).toMatchObject({ modelId: MODEL, enabled: false, losses: [1.5, 1.2, 0.9] });
  });

  it('a file without an adapter imports as before, without one', () => {
    const bytes = exportWorkspace(content());
    expect(Object.keys(unzipSync(bytes))).not.toContain('adapter/weights.f32');
    const parsed = parseWorkspaceFile(bytes, known);
    expect(parsed.ok && parsed.content.adapter).toBe(undefined);
  });

  it('refuses missing or damaged weights, or an adapter of another model', () => {
    const tamper = (change: (files: Record<string, Uint8Array>) => void) => {
      const files = unzipSync(exportWorkspace(content(adapter())));
      change(files);
      const parsed = parseWorkspaceFile(zipSync(files), known);
      return parsed.ok ? null : parsed.error;
    };
    expect(tamper((f) => delete f['adapter/weights.f32'])).toEqual({ code: 'missing-file', file: 'adapter/weights.f32' });
    expect(tamper((f) => (f['adapter/weights.f32'] = f['adapter/weights.f32']!.slice(4)))).toEqual({ code: 'bad-adapter', detail: 'weights' });
    const manifestWith = (patch: object) => (f: Record<string, Uint8Array>) => {
      const m = JSON.parse(strFromU8(f['manifest.json']!));
      f['manifest.json'] = strToU8(JSON.stringify({ ...m, adapter: { ...m.adapter, ...patch } }));
    };
    expect(tamper(manifestWith({ modelId: 'other/model' }))).toEqual({ code: 'bad-adapter', detail: 'model' });
    expect(tamper(manifestWith({ losses: 'many' }))).toEqual({ code: 'bad-adapter', detail: 'losses' });
  });
});
