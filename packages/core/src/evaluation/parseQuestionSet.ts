// Reading a question set from a JSONL or CSV file, with a specific problem for each bad row.
//
// Keys (JSONL) and header columns (CSV) are matched without regard to case, spaces, "-" and "_":
//   question             (or: query)                       the question; required
//   expected_document    (or: expectedDocument, document)  the name of the document that answers it
//   expected_substring   (or: expectedSubstring, substring) text that a relevant chunk must contain
// Each row needs a question and at least one of the other two. Other keys or columns are ignored.
// JSONL: one JSON object per line; blank lines are skipped. CSV: a header row, then one row per
// question; the delimiter (comma, tab, semicolon) is detected; quoted fields may span lines.
import Papa from 'papaparse';
import { cleanExpectation, questionProblem, type EvalQuestionInput } from './questionSet';

export type QuestionSetFormat = 'jsonl' | 'csv';

export type ImportProblemCode =
  | 'empty-file'
  | 'invalid-json'
  | 'not-object'
  | 'not-string'
  | 'missing-question'
  | 'no-expectation'
  | 'no-question-column'
  | 'no-expectation-column'
  | 'field-count'
  | 'csv-syntax';

export interface ImportProblem {
  /** 1-based line in the file where the row starts, or null for the file as a whole. */
  line: number | null;
  code: ImportProblemCode;
  /** The key or column concerned (not-string). */
  field?: string;
  /** The parser's own words (invalid-json, csv-syntax). */
  detail?: string;
  /** field-count: the fields found in the row, and in the header. */
  found?: number;
  expected?: number;
}

export interface ParsedQuestionSet {
  questions: EvalQuestionInput[];
  /** Empty when every row was sound. */
  problems: ImportProblem[];
}

type Field = 'question' | 'expectedDocument' | 'expectedSubstring';

const ALIASES: Record<string, Field> = {
  question: 'question',
  query: 'question',
  expecteddocument: 'expectedDocument',
  document: 'expectedDocument',
  expectedsubstring: 'expectedSubstring',
  substring: 'expectedSubstring',
};

/** The field a key or column header stands for, or null for one that is ignored. */
export function fieldOf(key: string): Field | null {
  return ALIASES[key.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/** JSONL for .jsonl/.ndjson/.json, CSV for .csv/.tsv/.txt; otherwise guessed from the first character. */
export function detectFormat(fileName: string, text: string): QuestionSetFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return 'jsonl';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function parseQuestionSet(fileName: string, text: string): ParsedQuestionSet {
  return detectFormat(fileName, text) === 'jsonl' ? parseJsonl(text) : parseCsv(text);
}

/** Check one row's fields; push its problem or its question. */
function acceptRow(line: number, row: Partial<Record<Field, string>>, out: ParsedQuestionSet): void {
  const q: EvalQuestionInput = {
    question: (row.question ?? '').trim(),
    expectedDocument: cleanExpectation(row.expectedDocument),
    expectedSubstring: cleanExpectation(row.expectedSubstring),
  };
  const problem = questionProblem(q);
  if (problem) out.problems.push({ line, code: problem });
  else out.questions.push(q);
}

const stripBom = (text: string) => text.replace(/^\uFEFF/, '');

export function parseJsonl(text: string): ParsedQuestionSet {
  const out: ParsedQuestionSet = { questions: [], problems: [] };
  const lines = stripBom(text).split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.problems.push({ line, code: 'invalid-json', detail: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.problems.push({ line, code: 'not-object' });
      return;
    }
    const row: Partial<Record<Field, string>> = {};
    for (const [key, v] of Object.entries(value)) {
      const field = fieldOf(key);
      if (!field || v === null || v === undefined) continue;
      if (typeof v !== 'string') {
        out.problems.push({ line, code: 'not-string', field: key });
        return;
      }
      row[field] = v;
    }
    acceptRow(line, row, out);
  });
  if (out.questions.length === 0 && out.problems.length === 0) out.problems.push({ line: null, code: 'empty-file' });
  return out;
}

/** 1-based line numbers of ascending offsets, counted incrementally (\n, \r\n or \r end a line). */
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset && pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) !== 10)) line++;
    }
    return line;
  };
}

export function parseCsv(input: string): ParsedQuestionSet {
  const text = stripBom(input);
  const out: ParsedQuestionSet = { questions: [], problems: [] };
  if (text.trim() === '') {
    out.problems.push({ line: null, code: 'empty-file' });
    return out;
  }
  // Each row with the offset where it starts, so problems can name a line even when fields span lines.
  const rows: { fields: string[]; line: number; syntax: string | null }[] = [];
  const lineAt = lineCounter(text);
  let start = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const syntax = result.errors.find((e) => e.type === 'Quotes')?.message ?? null;
      rows.push({ fields: result.data, line: lineAt(start), syntax });
      start = result.meta.cursor;
    },
  });
  const blank = (fields: string[]) => fields.every((f) => f.trim() === '');
  const headerIndex = rows.findIndex((r) => !blank(r.fields));
  const header = rows[headerIndex];
  if (!header) {
    out.problems.push({ line: null, code: 'empty-file' });
    return out;
  }
  const columns = header.fields.map(fieldOf);
  if (!columns.includes('question')) {
    out.problems.push({ line: header.line, code: 'no-question-column' });
    return out;
  }
  if (!columns.includes('expectedDocument') && !columns.includes('expectedSubstring')) {
    out.problems.push({ line: header.line, code: 'no-expectation-column' });
    return out;
  }
  for (const r of rows.slice(headerIndex + 1)) {
    if (blank(r.fields)) continue;
    const line = r.line;
    if (r.syntax) {
      out.problems.push({ line, code: 'csv-syntax', detail: r.syntax });
      continue;
    }
    if (r.fields.length !== columns.length) {
      out.problems.push({ line, code: 'field-count', found: r.fields.length, expected: columns.length });
      continue;
    }
    const row: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      if (field) row[field] = r.fields[i];
    });
    acceptRow(line, row, out);
  }
  if (out.questions.length === 0 && out.problems.length === 0) out.problems.push({ line: null, code: 'empty-file' });
  return out;
}
