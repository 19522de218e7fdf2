import { describe, expect, it } from 'vitest';
import { detectFormat, parseCsv, parseJsonl, parseQuestionSet } from './parseQuestionSet';

describe('parseJsonl', () => {
  it('reads one question per line, with key aliases, skipping blank lines', () => {
    const text = [
      '{"question": "How hot is lava?", "expected_document": "volcanoes.md", "expected_substring": "1,200 degrees"}',
      '',
      '{"Query": "绿茶用多少度的水？", "expectedDocument": "tea.txt"}',
      '{"question": "Caldera?", "substring": "caldera", "notes": "ignored"}',
    ].join('\n');
    const r = parseJsonl(text);
    expect(r.problems).toEqual([]);
    expect(r.questions).toEqual([
      { question: 'How hot is lava?', expectedDocument: 'volcanoes.md', expectedSubstring: '1,200 degrees' },
      { question: '绿茶用多少度的水？', expectedDocument: 'tea.txt', expectedSubstring: null },
      { question: 'Caldera?', expectedDocument: null, expectedSubstring: 'caldera' },
    ]);
  });

  it('names the line and the problem of each bad row', () => {
    const text = [
      '{"question": "ok", "document": "a.txt"}',
      '{"question": "no closing brace"',
      '["an", "array"]',
      '{"question": 42, "document": "a.txt"}',
      '{"document": "a.txt"}',
      '{"question": "nothing expected", "expected_document": "  "}',
    ].join('\r\n');
    const r = parseJsonl(text);
    expect(r.questions).toHaveLength(1);
    expect(r.problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [2, 'invalid-json', undefined],
      [3, 'not-object', undefined],
      [4, 'not-string', 'question'],
      [5, 'missing-question', undefined],
      [6, 'no-expectation', undefined],
    ]);
    expect(r.problems[0]!.detail).toBeTruthy();
  });

  it('calls a file with no rows empty', () => {
    expect(parseJsonl('\n  \n').problems).toEqual([{ line: null, code: 'empty-file' }]);
  });
});

describe('parseCsv', () => {
  it('reads a header and rows, quoted fields with commas and line breaks included', () => {
    const text = '\uFEFFquestion,expected_document,expected_substring\n"Hot, how?",volcanoes.md,"700 and\n1,200"\n\n熔岩有多热？,火山.txt,\n';
    const r = parseCsv(text);
    expect(r.problems).toEqual([]);
    expect(r.questions).toEqual([
      { question: 'Hot, how?', expectedDocument: 'volcanoes.md', expectedSubstring: '700 and\n1,200' },
      { question: '熔岩有多热？', expectedDocument: '火山.txt', expectedSubstring: null },
    ]);
  });

  it('detects tabs and semicolons', () => {
    expect(parseCsv('Question\tDocument\nq\ta.txt').questions).toHaveLength(1);
    expect(parseCsv('question;substring\nq;x').questions).toEqual([{ question: 'q', expectedDocument: null, expectedSubstring: 'x' }]);
  });

  it('refuses a header without a question column, or without an expectation column', () => {
    expect(parseCsv('text,document\nq,a.txt').problems).toEqual([{ line: 1, code: 'no-question-column' }]);
    expect(parseCsv('\nquestion,notes\nq,n').problems).toEqual([{ line: 2, code: 'no-expectation-column' }]);
  });

  it('names the line of each bad row, counting lines inside quoted fields', () => {
    const text = 'question,expected_document\n"two\nlines",a.txt\n,b.txt\nq3\nq4,a.txt,extra\nq5,\n"unclosed,a.txt';
    const r = parseCsv(text);
    expect(r.questions).toEqual([{ question: 'two\nlines', expectedDocument: 'a.txt', expectedSubstring: null }]);
    expect(r.problems.map((p) => [p.line, p.code, p.detail ?? `${p.found}/${p.expected}`])).toEqual([
      [4, 'missing-question', 'undefined/undefined'],
      [5, 'field-count', '1/2'],
      [6, 'field-count', '3/2'],
      [7, 'no-expectation', 'undefined/undefined'],
      [8, 'csv-syntax', 'Quoted field unterminated'],
    ]);
  });

  it('calls a blank file or a header alone empty', () => {
    expect(parseCsv('  \n').problems).toEqual([{ line: null, code: 'empty-file' }]);
    expect(parseCsv('question,document\n').problems).toEqual([{ line: null, code: 'empty-file' }]);
  });
});

describe('detectFormat', () => {
  it('goes by extension, then by the first character', () => {
    expect(detectFormat('set.jsonl', 'question')).toBe('jsonl');
    expect(detectFormat('set.CSV', '{')).toBe('csv');
    expect(detectFormat('set', '  {"question": "q"}')).toBe('jsonl');
    expect(detectFormat('set', 'question,document')).toBe('csv');
    expect(parseQuestionSet('x.tsv', 'question\tdocument\nq\td').questions).toHaveLength(1);
  });
});
