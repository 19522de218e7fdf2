// The export's open formats in real engines: chunks.parquet read by DuckDB, pgvector.sql run by PGlite with
// pgvector, each asked the sample question set by cosine distance, must give the app's exact top 10 (the
// app's exact index over the same vectors). The vectors come from the built-in LSA embedder (pure, no download).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../content/sampleCorpus';
import { chunkDocument } from '@openbook/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { embedLsa, fitLsa } from '@openbook/core/lsa/lsaModel';
import { markdownSections } from '@openbook/core/markdownStructure';
import { exportRowOf, type ExportRow } from '@openbook/core/productionExport/exportRows';
import { sqlEpilogue, sqlInsert, sqlPreamble, vectorLiteral } from '@openbook/core/productionExport/pgvectorSql';
import type { Chunk } from '@openbook/core/types';
import { ExactIndex } from '../vectorIndex/exactIndex';
import { ParquetChunksWriter } from './parquetChunks';

let dir: string;
let rows: ExportRow[];
let chunks: Chunk[];
let dim: number;
let flat: Float32Array;
let questions: Float32Array[];
const appTop10: Array<Array<{ id: string; score: number }>> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-export-'));
  chunks = SAMPLE_DOCUMENTS.flatMap((d, i) => {
    const sections = d.kind === 'markdown' ? markdownSections(d.text) : [];
    return chunkDocument(
      { id: `doc${i}`, name: d.name, kind: d.kind, text: d.text, structure: sections.length ? { sections } : {} },
      DEFAULT_CHUNKER_SETTINGS.recursive,
    );
  });
  const names = new Map(SAMPLE_DOCUMENTS.map((d, i) => [`doc${i}`, d.name]));
  rows = chunks.map((c, i) => exportRowOf(c, names.get(c.docId)!, i % 3 === 0 ? null : c.text.length));
  const model = await fitLsa(chunks.map((c) => c.text));
  const vectors = embedLsa(
    model,
    chunks.map((c) => c.text),
  );
  dim = model.dimension;
  flat = new Float32Array(chunks.length * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  questions = embedLsa(
    model,
    SAMPLE_QUESTIONS.map((q) => q.question),
  );
  const index = new ExactIndex({ simd: false });
  await index.build(chunks.map((c, i) => ({ id: c.id, vector: vectors[i]! })));
  for (const q of questions) appTop10.push(index.topK(q, 11));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The same scores (within 1e-5) at every rank, and the same id at every rank whose score stands apart
 * (by more than 1e-5) from its neighbours' (the app's 11th included): where scores tie to within float32
 * rounding (LSA gives many near-zero scores in the tail), which of them comes first is rounding noise.
 */
function expectSameRanking(got: Array<{ id: string; score: number }>, want11: Array<{ id: string; score: number }>): number {
  const want = want11.slice(0, 10);
  expect(got.length).toBe(want.length);
  let checked = 0;
  want.forEach((w, i) => {
    expect(Math.abs(got[i]!.score - w.score)).toBeLessThan(1e-5);
    const apart = [want11[i - 1], want11[i + 1]].every((o) => !o || Math.abs(o.score - w.score) > 1e-5);
    if (apart) expect(got[i]!.id, `rank ${i + 1}`).toBe(w.id), checked++;
  });
  return checked;
}

describe('export in open formats', () => {
  it('has questions and a top 10 to compare', () => {
    expect(SAMPLE_QUESTIONS.length).toBeGreaterThan(3);
    expect(appTop10.every((t) => t.length === 11)).toBe(true);
  });

  it('chunks.parquet (two row groups) loads into DuckDB with its metadata, and cosine ranks as the app does', async () => {
    const parts: Uint8Array[] = [];
    const writer = new ParquetChunksWriter({ modelId: 'openbook/lsa', dimension: dim, pipeline: '{"format":"openbook.pipeline"}' }, (b) => parts.push(b));
    const half = Math.floor(rows.length / 2);
    writer.write(rows.slice(0, half), flat.subarray(0, half * dim));
    writer.write(rows.slice(half), flat.subarray(half * dim));
    writer.finish();
    expect(parts.length).toBeGreaterThan(2); // handed on row group by row group
    const file = join(dir, 'chunks.parquet');
    await writeFile(file, Buffer.concat(parts));

    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const count = await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`);
    expect(count.getRowObjects()[0]!.n).toBe(rows.length);
    const meta = await con.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}')`);
    const kv = Object.fromEntries(meta.getRowObjects().map((r) => [r.k, r.v]));
    expect(kv).toMatchObject({ 'openbook.model_id': 'openbook/lsa', 'openbook.dimension': String(dim) });
    const first = await con.runAndReadAll(`SELECT id, document, page, section, text, token_count, len(vector) AS d FROM read_parquet('${file}') LIMIT 2`);
    expect(first.getRowObjects()[0]).toEqual({ ...rows[0], tokens: undefined, token_count: null, d: BigInt(dim) });
    expect(first.getRowObjects()[1]!.token_count).toBe(rows[1]!.tokens);

    let checked = 0;
    for (const [i, q] of questions.entries()) {
      const literal = `${vectorLiteral(q)}::FLOAT[${dim}]`;
      const result = await con.runAndReadAll(
        `SELECT id, array_cosine_similarity(vector::FLOAT[${dim}], ${literal}) AS score FROM read_parquet('${file}') ORDER BY score DESC, id LIMIT 10`,
      );
      checked += expectSameRanking(
        result.getRowObjects().map((r) => ({ id: String(r.id), score: Number(r.score) })),
        appTop10[i]!,
      );
    }
    // Most ranks are compared by id (the rest are near-ties).
    expect(checked).toBeGreaterThan(questions.length * 5);
    con.closeSync();
  }, 60_000);

  it('pgvector.sql runs in PGlite with pgvector, and its cosine query ranks as the app does', async () => {
    const header = { modelId: 'openbook/lsa', dimension: dim, rows: rows.length, inline: true, createdAt: '2026-12-07T10:00:00.000Z' };
    const sql =
      sqlPreamble(header) +
      sqlInsert(rows.slice(0, 7), flat.subarray(0, 7 * dim), dim) +
      sqlInsert(rows.slice(7), flat.subarray(7 * dim), dim) +
      sqlEpilogue(header);
    const pg = new PGlite({ extensions: { vector } });
    await pg.exec(sql);
    const count = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM openbook_chunks');
    expect(count.rows[0]!.n).toBe(rows.length);
    const back = await pg.query<{ text: string; section: string | null; token_count: number | null }>(
      `SELECT text, section, token_count FROM openbook_chunks WHERE id = $1`,
      [rows[1]!.id],
    );
    expect(back.rows[0]).toEqual({ text: rows[1]!.text, section: rows[1]!.section, token_count: rows[1]!.tokens });
    // Exact search, as the app's: the HNSW index is approximate.
    await pg.exec('SET enable_indexscan = off;');
    let checked = 0;
    for (const [i, q] of questions.entries()) {
      const result = await pg.query<{ id: string; score: number }>(
        `SELECT id, 1 - (embedding <=> $1::vector(${dim})) AS score FROM openbook_chunks ORDER BY embedding <=> $1::vector(${dim}), id LIMIT 10`,
        [vectorLiteral(q)],
      );
      checked += expectSameRanking(result.rows, appTop10[i]!);
    }
    expect(checked).toBeGreaterThan(questions.length * 5);
    await pg.close();
  }, 60_000);
});
