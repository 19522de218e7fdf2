// What a parser gives back: the document's text with its structure, or the reason it cannot be read.
import type { DecodeFailure } from '@openbook/core/decodeText';
import type { FileKind } from '@openbook/core/documentFormats';
import type { DocumentStructure } from '@openbook/core/types';

/** Every reason a file can fail for, each with its own message (ingest.errors.<reason>). */
export const PARSE_FAILURES = [
  'empty-file',
  'whitespace-only',
  'not-text',
  'unknown-encoding',
  'unsupported-encoding',
  'unsupported-type',
  /** A PDF without a text layer (a scan, or only drawings). */
  'pdf-no-text',
  /** A PDF that needs a password. */
  'pdf-encrypted',
  /** A PDF that pdf.js cannot open. */
  'pdf-damaged',
  /** A .docx that is not a Word document (not a zip, or no document in it). */
  'docx-damaged',
  /** An HTML or Word document with no visible text. */
  'no-visible-text',
] as const satisfies readonly (DecodeFailure | string)[];

/**
 * A file over one of the resource limits (parseLimits.ts, zipLimits.ts): refused before it is unpacked or
 * read in full, each with its own message (limits.<reason>, the limit in {{detail}}).
 */
export const LIMIT_FAILURES = [
  /** A .docx that unpacks to more than the unpacked-size limit. */
  'docx-too-large',
  /** A .docx with more entries than the entry limit. */
  'docx-too-many-entries',
  /** A .docx with an entry compressed far more than documents are (a zip bomb). */
  'docx-ratio',
  'pdf-too-many-pages',
  'pdf-text-too-large',
] as const;

export type LimitFailure = (typeof LIMIT_FAILURES)[number];

export type ParseFailure = (typeof PARSE_FAILURES)[number] | LimitFailure;

const LIMITS = new Set<string>(LIMIT_FAILURES);

/** The translation key of a failure's message. */
export const failureMessageKey = (reason: ParseFailure | 'parser-crashed'): string => (LIMITS.has(reason) ? `limits.${reason}` : `ingest.errors.${reason}`);

// Every decoding failure is a parse failure.
type Covers<T extends ParseFailure> = T;
export type DecodeFailuresCovered = Covers<DecodeFailure>;

export interface ParsedDocument {
  kind: FileKind;
  /** The document's text; every offset in `structure` points into it. */
  text: string;
  structure?: DocumentStructure;
  /** The detected encoding of a text, Markdown or HTML file. */
  encoding?: string;
}

export type ParseResult = { ok: true; doc: ParsedDocument } | { ok: false; reason: ParseFailure; detail?: string };

export const parseFailure = (reason: ParseFailure, detail?: string): ParseResult =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

/** How much of a file has been read: pages of a PDF, bytes of a text file. */
export interface ReadProgress {
  done: number;
  total: number;
  unit: 'pages' | 'bytes';
}

/**
 * The text of a document as it is read, a slice at a time (a PDF's page, part of a text file): the slices
 * joined are the parsed document's text. Awaited before the parser goes on.
 */
export type TextSink = (slice: string, read: ReadProgress) => Promise<void> | void;

/** One file of a batch sent to the parser. */
export interface ParseInput {
  name: string;
  bytes: Uint8Array;
}

/** A batch's result for one file: parsed, refused, or the parser threw on it (the others still parsed). */
export type BatchParseResult = ParseResult | { ok: false; reason: 'parser-crashed'; detail: string };

/** Parse a batch one file after another with `parse`; a throw on one file is that file's result only. */
export async function parseEach(files: ParseInput[], parse: (name: string, bytes: Uint8Array) => Promise<ParseResult>): Promise<BatchParseResult[]> {
  const results: BatchParseResult[] = [];
  for (const { name, bytes } of files) {
    try {
      results.push(await parse(name, bytes));
    } catch (error) {
      results.push({ ok: false, reason: 'parser-crashed', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
