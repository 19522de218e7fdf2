// chunks.parquet, written with hyparquet-writer (a small, pure-JavaScript Parquet writer) one row group per
// batch, each row group handed on (to the zip) as soon as it is written: the file is never whole in memory.
// One row per chunk: id, document, page, section, text, vector (a LIST of FLOAT: what DuckDB, Spark, LanceDB
// and pandas read as a float32 list), token_count; the model id and the dimension in the file's metadata.
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ExportRow } from '@openbook/core/productionExport/exportRows';

export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 7 },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'document', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'page', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'section', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'vector', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
  { name: 'token_count', type: 'INT32', repetition_type: 'OPTIONAL' },
];

export interface ParquetMeta {
  modelId: string;
  dimension: number;
  /** The pipeline file's text, kept in the metadata too. */
  pipeline: string;
}

/** A ByteWriter that hands its bytes on at every flush (after each row group) and on finish, then starts again. */
function streamingWriter(onBytes: (bytes: Uint8Array) => void): ByteWriter {
  const writer = new ByteWriter(1 << 20);
  const emit = () => {
    if (writer.index > 0) onBytes(new Uint8Array(writer.buffer.slice(0, writer.index)));
    writer.index = 0;
  };
  Object.assign(writer, { flush: emit, finish: emit });
  return writer;
}

export class ParquetChunksWriter {
  private readonly writer: ParquetWriter;
  rows = 0;

  constructor(
    private readonly meta: ParquetMeta,
    onBytes: (bytes: Uint8Array) => void,
  ) {
    this.writer = new ParquetWriter({
      writer: streamingWriter(onBytes),
      schema: PARQUET_SCHEMA,
      kvMetadata: [
        { key: 'openbook.model_id', value: meta.modelId },
        { key: 'openbook.dimension', value: String(meta.dimension) },
        { key: 'openbook.metric', value: 'cosine' },
        { key: 'openbook.pipeline', value: meta.pipeline },
      ],
      createdBy: 'openbook (hyparquet-writer)',
    });
  }

  /** One row group: these rows, their vectors one after another in `vectors`. */
  write(rows: readonly ExportRow[], vectors: Float32Array): void {
    const d = this.meta.dimension;
    if (vectors.length !== rows.length * d) throw new Error(`parquet: ${rows.length} rows need ${rows.length * d} vector values, got ${vectors.length}`);
    if (rows.length === 0) return;
    const list: number[][] = rows.map((_, i) => Array.from(vectors.subarray(i * d, (i + 1) * d)));
    void this.writer.write({
      rowGroupSize: rows.length,
      columnData: [
        { name: 'id', data: rows.map((r) => r.id) },
        { name: 'document', data: rows.map((r) => r.document) },
        { name: 'page', data: rows.map((r) => r.page) },
        { name: 'section', data: rows.map((r) => r.section) },
        { name: 'text', data: rows.map((r) => r.text) },
        // Embedding values barely compress and never repeat: plain, uncompressed, without statistics (much faster).
        { name: 'vector', data: list, encoding: 'PLAIN', codec: 'UNCOMPRESSED', statistics: false },
        { name: 'token_count', data: rows.map((r) => r.tokens) },
      ],
    });
    this.rows += rows.length;
  }

  finish(): void {
    void this.writer.finish();
  }
}
