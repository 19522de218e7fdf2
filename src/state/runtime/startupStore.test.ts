// Start-up steps fail on their own: a step that throws or rejects is recorded and the next one still runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { runStartStep, useStartupStore } from './startupStore';

beforeEach(() => useStartupStore.setState({ problems: [] }));

describe('start-up steps', () => {
  it('records a step that throws or rejects, and runs the others', async () => {
    const ran: string[] = [];
    const results = await Promise.all([
      runStartStep('keywordIndex', () => {
        throw new Error('no workers here');
      }),
      runStartStep('workspace', async () => Promise.reject(new TypeError('IndexedDB is broken'))),
      runStartStep('siteModels', async () => {
        ran.push('siteModels');
      }),
    ]);
    expect(results).toEqual([false, false, true]);
    expect(ran).toEqual(['siteModels']);
    expect(useStartupStore.getState().problems).toEqual([
      { step: 'keywordIndex', detail: 'no workers here' },
      { step: 'workspace', detail: 'TypeError: IndexedDB is broken' },
    ]);
    useStartupStore.getState().dismiss('workspace');
    expect(useStartupStore.getState().problems.map((p) => p.step)).toEqual(['keywordIndex']);
  });

  it('keeps one problem per step', async () => {
    await runStartStep('offline', () => Promise.reject(new Error('a')));
    await runStartStep('offline', () => Promise.reject(new Error('b')));
    expect(useStartupStore.getState().problems).toEqual([{ step: 'offline', detail: 'b' }]);
  });
});
