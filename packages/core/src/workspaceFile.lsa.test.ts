// A workspace file whose vectors the built-in LSA embedder made carries its fitted projection, so that a
// question after an import is embedded as the chunks were; a damaged projection refuses the whole file.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chunkText } from './chunking';
import type { RecursiveChunkerSettings } from './chunkers/settings';
import type { SourceDocument } from './types';
import { embedLsa, fitLsa, LSA_MODEL_ID, type LsaModel } from './lsa/lsaModel';
import { exportWorkspace, parseWorkspaceFile, type WorkspaceContent } from './workspaceFile';

const chunking: RecursiveChunkerSettings = { kind: 'recursive', chunkSize: 60, overlap: 0 };
const doc = (id: string, text: string): SourceDocument => ({ id, name: `${id}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: 1_700_000_000_000 });

const documents = [
  doc('a', 'Lava flows from the crater. Magma rises slowly. The volcano sleeps for a century, then wakes.'),
  doc('b', '绿茶的叶子在低温下冲泡。Green tea is steeped in water that is not boiling. Kettles whistle.'),
  doc('c', 'Glaciers carve valleys. Ice sheets hold fresh water. The glacier moves slowly downhill.'),
];

async function lsaContent(): Promise<{ content: WorkspaceContent; lsa: LsaModel }> {
  const chunks = documents.flatMap((d) => chunkText(d.id, d.text, chunking));
  const lsa = await fitLsa(chunks.map((c) => c.text));
  const vectors = embedLsa(
    lsa,
    chunks.map((c) => c.text),
  );
  return { lsa, content: { documents, modelId: LSA_MODEL_ID, device: 'wasm', dimension: lsa.dimension, chunking, chunks, vectors, lsa } };
}

const errorOf = (bytes: Uint8Array) => {
  const parsed = parseWorkspaceFile(bytes, [LSA_MODEL_ID]);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.error;
};

describe('workspace file with the built-in LSA embedder', () => {
  it('round-trips the fitted projection: a question is embedded identically after the import', async () => {
    const { content, lsa } = await lsaContent();
    const parsed = parseWorkspaceFile(exportWorkspace(content), [LSA_MODEL_ID]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const read = parsed.content.lsa!;
    expect(read.terms).toEqual(lsa.terms);
    expect([...read.idf]).toEqual([...lsa.idf]);
    expect([...read.projection]).toEqual([...lsa.projection]);
    expect([...read.singularValues]).toEqual([...lsa.singularValues]);
    expect(read.dimension).toBe(lsa.dimension);
    expect(parsed.manifest.embedding.lsa).toEqual({ version: lsa.version, terms: lsa.terms.length, chunkCount: lsa.chunkCount });
    // Written as files before the built-in embedder said 'cpu' were ('wasm'): read as what it is, the CPU.
    expect(parsed.content.device).toBe('cpu');
    const again = parseWorkspaceFile(exportWorkspace({ ...content, device: 'cpu' }), [LSA_MODEL_ID]);
    expect(again.ok && again.content.device).toBe('cpu');
    const question = 'How slowly does the glacier move?';
    expect([...embedLsa(read, [question])[0]!]).toEqual([...embedLsa(lsa, [question])[0]!]);
  });

  it('refuses an LSA file without its projection, or with a damaged one, naming the problem', async () => {
    const { content } = await lsaContent();
    const tamper = (change: (files: Record<string, Uint8Array>) => void) => {
      const files = unzipSync(exportWorkspace(content));
      change(files);
      return zipSync(files);
    };
    expect(errorOf(tamper((f) => delete f['lsa/projection.f32']))).toEqual({ code: 'missing-file', file: 'lsa/projection.f32' });
    expect(errorOf(tamper((f) => (f['lsa/projection.f32'] = f['lsa/projection.f32']!.slice(4))))).toMatchObject({ code: 'bad-lsa' });
    expect(errorOf(tamper((f) => (f['lsa/terms.json'] = strToU8('{not json'))))).toEqual({ code: 'bad-lsa', detail: 'lsa/terms.json' });
    const nan = tamper((f) => {
      const bytes = f['lsa/idf.f32']!.slice();
      new DataView(bytes.buffer).setFloat32(0, Number.NaN, true);
      f['lsa/idf.f32'] = bytes;
    });
    expect(errorOf(nan)).toMatchObject({ code: 'bad-lsa' });
    const noInfo = tamper((f) => {
      const m = JSON.parse(strFromU8(f['manifest.json']!));
      delete m.embedding.lsa;
      f['manifest.json'] = strToU8(JSON.stringify(m));
    });
    expect(errorOf(noInfo)).toEqual({ code: 'bad-lsa', detail: 'manifest' });
  });
});
