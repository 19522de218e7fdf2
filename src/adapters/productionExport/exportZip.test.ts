// The export zip as written by the worker: its files, chunks.parquet read back (hyparquet) to the exact float32
// vectors, pgvector.sql with or without inline rows, and the Node project's COPY loader (main.ts copy-rows)
// streaming chunks.parquet into Postgres (PGlite with pgvector), where cosine search finds the same vectors.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { seededRandom } from '@openbook/core/seededRandom';
import type { ExportRow } from '@openbook/core/productionExport/exportRows';
import { sqlPreamble, vectorLiteral } from '@openbook/core/productionExport/pgvectorSql';
import { ExportZipWriter, type ExportHeader } from './exportZip';

const DIM = 8;
const N = 50;
const random = seededRandom(7);
const rows: ExportRow[] = Array.from({ length: N }, (_, i) => ({
  id: `doc-${i % 3}#${i}`,
  document: i % 3 === 0 ? '检索增强生成简介.md' : `doc ${i % 3}.md`,
  page: i % 4 === 0 ? null : i,
  section: i % 5 === 0 ? null : `Title > It's "section" ${i}\ttab`,
  text: `chunk ${i}: a line\nand a back\\slash, a quote ' and 中文`,
  tokens: i % 2 === 0 ? null : 10 + i,
}));
const vectors = new Float32Array(N * DIM).map(() => random() * 2 - 1);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-export-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function write(inline: boolean): Record<string, Uint8Array> {
  const header: ExportHeader = {
    modelId: 'acme/model',
    dimension: DIM,
    rows: N,
    inline,
    createdAt: '2026-12-07T10:00:00.000Z',
    pipelineText: '{"format":"openbook.pipeline"}\n',
    files: [{ path: 'node/README.md', text: 'three\nlines\nhere\n' }],
  };
  const writer = new ExportZipWriter(header);
  writer.add(rows.slice(0, 20), vectors.slice(0, 20 * DIM));
  writer.add(rows.slice(20), vectors.slice(20 * DIM));
  const parts = writer.finish();
  const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) zip.set(p, at), (at += p.length);
  expect(writer.sizes.zipBytes).toBe(zip.length);
  const files = unzipSync(zip);
  expect(writer.sizes.parquetBytes).toBe(files['chunks.parquet']!.length);
  expect(writer.sizes.sqlBytes).toBe(files['pgvector.sql']!.length);
  return files;
}

describe('the export zip', () => {
  it('holds the pipeline file, the Node project, chunks.parquet (every row and exact vector, two row groups) and pgvector.sql', async () => {
    const files = write(true);
    expect(Object.keys(files)).toEqual(['openbook.pipeline.json', 'node/README.md', 'chunks.parquet', 'pgvector.sql']);
    expect(strFromU8(files['openbook.pipeline.json']!)).toBe('{"format":"openbook.pipeline"}\n');
    const buffer = files['chunks.parquet']!.slice().buffer;
    const metadata = parquetMetadata(buffer);
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([20, 30]);
    expect(Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value]))).toMatchObject({
      'openbook.model_id': 'acme/model',
      'openbook.dimension': String(DIM),
    });
    const back = await parquetReadObjects({ file: buffer });
    expect(back.map(({ vector: _v, token_count, ...r }) => ({ ...r, tokens: token_count }))).toEqual(rows);
    back.forEach((r, i) => expect(Float32Array.from(r.vector as number[])).toEqual(vectors.slice(i * DIM, (i + 1) * DIM)));
    const sql = strFromU8(files['pgvector.sql']!);
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS vector;');
    expect(sql).toContain(`embedding vector(${DIM}) NOT NULL`);
    expect(sql.match(/^INSERT INTO/gm)).toHaveLength(2);
    expect(sql).toContain('USING hnsw (embedding vector_cosine_ops)');
  });

  it('past the inline size, pgvector.sql holds the schema, indexes and queries, and says how to load chunks.parquet with COPY', async () => {
    const files = write(false);
    const sql = strFromU8(files['pgvector.sql']!);
    expect(sql).not.toContain('INSERT INTO');
    expect(sql).toContain('NOT inline');
    expect(sql).toContain('main.ts copy-rows');
    expect(sql).toContain('USING hnsw');

    // The Node project's loader streams the Parquet rows as COPY text; Postgres takes them as they are.
    const parquetPath = join(dir, 'chunks.parquet');
    await writeFile(parquetPath, files['chunks.parquet']!);
    const tsx = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const main = join(import.meta.dirname, '../../../templates/node/main.ts');
    const { stdout } = await promisify(execFile)(tsx, [main, 'copy-rows', '--parquet', parquetPath], { maxBuffer: 16 * 1024 * 1024 });
    const pg = new PGlite({ extensions: { vector } });
    await pg.exec(sqlPreamble({ modelId: 'acme/model', dimension: DIM, rows: N, inline: false, createdAt: '' }));
    await pg.query(`COPY openbook_chunks (id, document, page, section, text, embedding, token_count) FROM '/dev/blob'`, [], { blob: new Blob([stdout]) });
    const loaded = await pg.query<{ id: string; document: string; page: number | null; section: string | null; text: string; tokens: number | null }>(
      'SELECT id, document, page, section, text, token_count AS tokens FROM openbook_chunks',
    );
    expect(loaded.rows).toEqual(rows);
    const q = vectors.slice(3 * DIM, 4 * DIM);
    const nearest = await pg.query<{ id: string; distance: number }>(`SELECT id, embedding <=> $1 AS distance FROM openbook_chunks ORDER BY distance LIMIT 1`, [
      vectorLiteral(q),
    ]);
    expect(nearest.rows[0]!.id).toBe(rows[3]!.id);
    expect(nearest.rows[0]!.distance).toBeLessThan(1e-6);
    await pg.close();
  }, 60_000);
});
