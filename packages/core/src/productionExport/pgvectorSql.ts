// pgvector.sql: the chunks and their vectors for PostgreSQL with pgvector (any Postgres: Citus, Neon,
// Supabase, PGlite), with an HNSW index and the query the app runs (cosine). Written in three parts so that
// a large export streams: the preamble, the rows (in batches; only when the export is small enough to be
// inline), and the end (indexes and queries). Pure.
import type { ExportRow } from './exportRows';

/** Rows are written inline up to this much SQL (estimated before writing); past it the SQL holds the schema, indexes and queries only. */
export const SQL_INLINE_MAX_BYTES = 64 * 1024 * 1024;
export const SQL_TABLE = 'openbook_chunks';

/** About how many bytes the rows of an export take as SQL text: a float32 as text takes up to ~14 characters with its comma. */
export function estimateSqlRowBytes(rows: number, textUnits: number, dimension: number): number {
  return rows * (dimension * 14 + 120) + textUnits * 3;
}

export const sqlRowsInline = (estimatedBytes: number) => estimatedBytes <= SQL_INLINE_MAX_BYTES;

/** A SQL string literal (standard_conforming_strings: only the quote is doubled; NUL cannot be stored and is dropped). */
export function sqlString(value: string): string {
  return `'${value.replaceAll('\u0000', '').replaceAll("'", "''")}'`;
}

/** The shortest decimal that reads back as this float32 (at most 9 significant digits; float32 needs no more). */
export function float32Text(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x === 0 ? 0 : x);
  for (let p = 6; p < 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(Number(x.toPrecision(9)));
}

/** A vector as pgvector's text form; each value reads back as the same float32. */
export function vectorLiteral(vector: Float32Array, offset = 0, dimension = vector.length): string {
  let out = '[';
  for (let i = 0; i < dimension; i++) out += (i > 0 ? ',' : '') + float32Text(vector[offset + i]!);
  return `${out}]`;
}

export interface SqlHeader {
  modelId: string;
  dimension: number;
  rows: number;
  inline: boolean;
  createdAt: string;
}

export function sqlPreamble(h: SqlHeader): string {
  const where = h.inline
    ? `-- The ${h.rows} rows are below, inline.`
    : [
        `-- The ${h.rows} rows are NOT inline: as SQL text they would exceed ${SQL_INLINE_MAX_BYTES / 1024 / 1024} MB (vectors as text are about`,
        '-- four times their binary size). Run this file (it creates the table and indexes), then stream chunks.parquet',
        "-- into any Postgres with COPY through the Node project's loader:",
        '--   cd node && npm install',
        '--   npx tsx main.ts copy-rows --parquet ../chunks.parquet | psql "$DATABASE_URL" -c \\',
        '--     "\\copy openbook_chunks (id, document, page, section, text, embedding, token_count) FROM STDIN"',
        '-- (for a large table, create the HNSW index after loading: it builds faster).',
      ].join('\n');
  return [
    '-- Openbook export: chunks and their embeddings for PostgreSQL with pgvector.',
    `-- Embedding model: ${h.modelId}, ${h.dimension} dimensions, L2-normalised. Exported ${h.createdAt}.`,
    where,
    '',
    'CREATE EXTENSION IF NOT EXISTS vector;',
    '',
    `CREATE TABLE IF NOT EXISTS ${SQL_TABLE} (`,
    '  id text PRIMARY KEY,',
    '  document text NOT NULL,',
    '  page integer,',
    '  section text,',
    '  text text NOT NULL,',
    `  embedding vector(${h.dimension}) NOT NULL,`,
    '  token_count integer,',
    "  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
    ');',
    '',
  ].join('\n');
}

const sqlNumber = (n: number | null) => (n === null ? 'NULL' : String(n));
const sqlText = (s: string | null) => (s === null ? 'NULL' : sqlString(s));

/** One INSERT for a batch of rows; `vectors` holds their vectors one after another. */
export function sqlInsert(rows: readonly ExportRow[], vectors: Float32Array, dimension: number): string {
  if (rows.length === 0) return '';
  const values = rows.map(
    (r, i) =>
      `(${sqlString(r.id)}, ${sqlString(r.document)}, ${sqlNumber(r.page)}, ${sqlText(r.section)}, ${sqlString(r.text)}, '${vectorLiteral(vectors, i * dimension, dimension)}', ${sqlNumber(r.tokens)})`,
  );
  return `INSERT INTO ${SQL_TABLE} (id, document, page, section, text, embedding, token_count) VALUES\n${values.join(',\n')};\n`;
}

/** The indexes and the queries: cosine as the app ranks, and a hybrid one through tsvector (with what it cannot match). */
export function sqlEpilogue(h: Pick<SqlHeader, 'dimension'>): string {
  return [
    '',
    '-- Approximate nearest neighbours by cosine distance (HNSW). Exact search (what the app does) needs no index.',
    `CREATE INDEX IF NOT EXISTS ${SQL_TABLE}_embedding_hnsw ON ${SQL_TABLE} USING hnsw (embedding vector_cosine_ops);`,
    `CREATE INDEX IF NOT EXISTS ${SQL_TABLE}_tsv ON ${SQL_TABLE} USING gin (tsv);`,
    '',
    '-- The query the app runs for vector search: $1 is the question embedded by the same model (with its query',
    '-- prefix, L2-normalised), as a vector literal. cosine = 1 - cosine distance. For exact results on a small',
    '-- table, run it with SET enable_indexscan = off (the HNSW index is approximate).',
    `-- SELECT id, document, page, section, 1 - (embedding <=> $1::vector(${h.dimension})) AS cosine`,
    `--   FROM ${SQL_TABLE} ORDER BY embedding <=> $1::vector(${h.dimension}) LIMIT 10;`,
    '',
    "-- Hybrid search through tsvector, fused by reciprocal rank (k = 60, as the app's RRF). NOTE: this cannot match",
    "-- the app's keyword ranking exactly: Postgres ranks with ts_rank, not BM25+, and its 'simple' parser neither",
    "-- segments Chinese nor makes the app's character bigrams (nor does it apply the pipeline's stop-word lists,",
    "-- stemming and contextual headers the way the app does). For the app's exact hybrid results use the Node",
    '-- project (node/main.ts), which runs the same BM25+ and fusion code as the app.',
    '-- WITH v AS (SELECT id, row_number() OVER (ORDER BY embedding <=> $1) AS r FROM ' + SQL_TABLE + ' ORDER BY embedding <=> $1 LIMIT 20),',
    `--      k AS (SELECT id, row_number() OVER (ORDER BY ts_rank(tsv, q) DESC) AS r FROM ${SQL_TABLE}, plainto_tsquery('simple', $2) q WHERE tsv @@ q LIMIT 20)`,
    '-- SELECT id, coalesce(1.0 / (60 + v.r), 0) + coalesce(1.0 / (60 + k.r), 0) AS rrf',
    '--   FROM v FULL JOIN k USING (id) ORDER BY rrf DESC LIMIT 10;',
    '',
  ].join('\n');
}
