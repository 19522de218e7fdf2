// The workers that sit idle between rare jobs are ended after them: the keyword tokenisers once no build
// uses them (two builds at once share them), the workspace file worker after each job.
import { describe, expect, it, vi } from 'vitest';

const started: Array<{ terminated: boolean }> = [];
const fakeClient = async () => {
  const worker = { terminated: false };
  started.push(worker);
  return { api: {}, terminate: () => void (worker.terminated = true) };
};
vi.mock('../../adapters/keywordIndex/tokenizerClient', () => ({ createTokenizerClient: fakeClient }));
vi.mock('../../adapters/workspaceFile/workspaceFileClient', () => ({ createWorkspaceFileClient: fakeClient }));

const workers = await import('./workers');
/** Let the terminations (after an awaited client) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('idle workers', () => {
  it('ends the keyword tokenisers when the last build using them lets them go, and starts new ones for the next', async () => {
    started.length = 0;
    const first = await workers.getKeywordTokenizers();
    const second = await workers.getKeywordTokenizers(); // a second build meanwhile (an evaluation's own index)
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first); // the same workers
    const count = started.length;
    workers.releaseKeywordTokenizers();
    await settle();
    expect(started.every((w) => !w.terminated)).toBe(true); // the second build still uses them
    workers.releaseKeywordTokenizers();
    await settle();
    expect(started.every((w) => w.terminated)).toBe(true);
    await workers.getKeywordTokenizers();
    expect(started.length).toBe(2 * count); // new ones
    workers.releaseKeywordTokenizers();
    await settle();
    expect(started.every((w) => w.terminated)).toBe(true);
  });

  it('ends the workspace file worker when a job lets it go', async () => {
    started.length = 0;
    await workers.getWorkspaceFile();
    expect(started).toEqual([{ terminated: false }]);
    await workers.releaseWorkspaceFile();
    expect(started).toEqual([{ terminated: true }]);
    await workers.getWorkspaceFile();
    expect(started).toEqual([{ terminated: true }, { terminated: false }]);
  });
});
