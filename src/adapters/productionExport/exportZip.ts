// The production export as one zip, streamed: openbook.pipeline.json and the Node project first, then
// chunks.parquet and pgvector.sql written batch by batch as the rows arrive (fflate's streaming Zip; the
// zip's bytes are collected in pieces, never copied into one buffer here). Only one batch of vectors is
// held at a time.
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import type { ExportRow } from '@openbook/core/productionExport/exportRows';
import { sqlEpilogue, sqlInsert, sqlPreamble, type SqlHeader } from '@openbook/core/productionExport/pgvectorSql';
import { PIPELINE_FILE_NAME } from '@openbook/core/pipelineFile';
import { ParquetChunksWriter } from './parquetChunks';

export interface ExportHeader extends SqlHeader {
  pipelineText: string;
  /** Other text files (the Node project), by path in the zip. */
  files: Array<{ path: string; text: string }>;
}

export interface ExportSizes {
  parquetBytes: number;
  sqlBytes: number;
  zipBytes: number;
}

export class ExportZipWriter {
  private readonly zip: Zip;
  private readonly parts: Uint8Array[] = [];
  private readonly parquetEntry: ZipPassThrough;
  private readonly sqlEntry: ZipDeflate;
  private readonly parquet: ParquetChunksWriter;
  private error: Error | null = null;
  readonly sizes: ExportSizes = { parquetBytes: 0, sqlBytes: 0, zipBytes: 0 };

  constructor(private readonly header: ExportHeader) {
    this.zip = new Zip((err, data) => {
      if (err) this.error = err;
      else {
        this.parts.push(data);
        this.sizes.zipBytes += data.length;
      }
    });
    const mtime = new Date(header.createdAt);
    const text = (path: string, body: string) => {
      const entry = new ZipDeflate(path, { level: 6 });
      entry.mtime = mtime;
      this.zip.add(entry);
      entry.push(strToU8(body), true);
    };
    text(PIPELINE_FILE_NAME, header.pipelineText);
    for (const f of header.files) text(f.path, f.text);
    // Parquet pages are already compressed (snappy): stored as they are.
    this.parquetEntry = new ZipPassThrough('chunks.parquet');
    this.parquetEntry.mtime = mtime;
    this.zip.add(this.parquetEntry);
    this.sqlEntry = new ZipDeflate('pgvector.sql', { level: 6 });
    this.sqlEntry.mtime = mtime;
    this.zip.add(this.sqlEntry);
    this.parquet = new ParquetChunksWriter({ modelId: header.modelId, dimension: header.dimension, pipeline: header.pipelineText }, (bytes) => {
      this.sizes.parquetBytes += bytes.length;
      this.parquetEntry.push(bytes);
    });
    this.pushSql(sqlPreamble(header));
  }

  private pushSql(text: string, final = false) {
    const bytes = strToU8(text);
    this.sizes.sqlBytes += bytes.length;
    this.sqlEntry.push(bytes, final);
  }

  private check() {
    if (this.error) throw this.error;
  }

  /** One batch of rows and their vectors (one after another). */
  add(rows: readonly ExportRow[], vectors: Float32Array): void {
    this.parquet.write(rows, vectors);
    if (this.header.inline) this.pushSql(sqlInsert(rows, vectors, this.header.dimension));
    this.check();
  }

  /** Ends every file and the zip; returns the zip's pieces, in order. */
  finish(): Uint8Array[] {
    this.parquet.finish();
    this.parquetEntry.push(new Uint8Array(0), true);
    this.pushSql(sqlEpilogue(this.header), true);
    this.zip.end();
    this.check();
    return this.parts;
  }
}
