// What a parser gives back: the document's text with its structure, or the reason it cannot be read.
import type { DecodeFailure } from '../../core/decodeText';
import type { FileKind } from '../../core/documentFormats';
import type { DocumentStructure } from '../../core/types';

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

export type ParseFailure = (typeof PARSE_FAILURES)[number];

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
