import { describe, expect, it } from 'vitest';
import { nextStep, stepStates, type PipelineFacts } from './stepProgress';

const empty: PipelineFacts = {
  documents: 0,
  chunks: 0,
  chunking: false,
  chunkingFailed: false,
  index: 'idle',
  retrieval: 'idle',
  promptFilled: false,
  generation: 'idle',
};

describe('stepStates', () => {
  it('asks for documents first, the rest waiting', () => {
    const s = stepStates(empty);
    expect(s).toEqual({ documents: 'action', chunks: 'waiting', embedding: 'waiting', ask: 'waiting', prompt: 'waiting', generation: 'waiting' });
    expect(nextStep(s)).toBe('documents');
  });

  it('with chunks, embedding and asking both need action; embedding comes first', () => {
    const s = stepStates({ ...empty, documents: 2, chunks: 10 });
    expect(s.documents).toBe('done');
    expect(s.chunks).toBe('done');
    expect(s.embedding).toBe('action');
    expect(s.ask).toBe('action');
    expect(nextStep(s)).toBe('embedding');
  });

  it('shows chunking while it runs', () => {
    expect(stepStates({ ...empty, documents: 1, chunking: true }).chunks).toBe('busy');
    expect(stepStates({ ...empty, documents: 1, chunkingFailed: true }).chunks).toBe('failed');
  });

  it('a failure comes before any action', () => {
    const s = stepStates({ ...empty, documents: 1, chunks: 3, index: 'done', retrieval: 'failed' });
    expect(s.ask).toBe('failed');
    expect(nextStep(s)).toBe('ask');
  });

  it('after a search the prompt is done and generation needs action; after an answer nothing is left', () => {
    const searched = stepStates({ ...empty, documents: 1, chunks: 3, index: 'done', retrieval: 'done', promptFilled: true });
    expect(searched.prompt).toBe('done');
    expect(nextStep(searched)).toBe('generation');
    const answered = stepStates({ ...empty, documents: 1, chunks: 3, index: 'done', retrieval: 'done', promptFilled: true, generation: 'done' });
    expect(Object.values(answered).every((x) => x === 'done')).toBe(true);
    expect(nextStep(answered)).toBeNull();
  });

  it('after a keyword search without embedding, answering is next; embedding still needs action', () => {
    const s = stepStates({ ...empty, documents: 1, chunks: 3, retrieval: 'done', promptFilled: true });
    expect(s.embedding).toBe('action');
    expect(nextStep(s)).toBe('generation');
  });

  it('busy jobs are shown busy', () => {
    const s = stepStates({ ...empty, documents: 1, chunks: 3, index: 'busy', retrieval: 'busy', promptFilled: true, generation: 'busy' });
    expect([s.embedding, s.ask, s.generation]).toEqual(['busy', 'busy', 'busy']);
  });
});
