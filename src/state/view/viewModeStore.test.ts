import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'openbook.view';

async function freshStore() {
  vi.resetModules();
  const { useViewModeStore } = await import('./viewModeStore');
  const { useNoticesStore } = await import('../runtime/noticesStore');
  await useViewModeStore.persist.rehydrate();
  return { useViewModeStore, useNoticesStore };
}

describe('the view mode', () => {
  beforeEach(() => localStorage.clear());

  it('is the beginner view on a first visit', async () => {
    const { useViewModeStore } = await freshStore();
    expect(useViewModeStore.getState().mode).toBe('beginner');
  });

  it('is kept across reloads', async () => {
    const first = await freshStore();
    first.useViewModeStore.getState().setMode('expert');
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ state: { mode: 'expert' }, version: 1 });
    const second = await freshStore();
    expect(second.useViewModeStore.getState().mode).toBe('expert');
  });

  it('a stored value that is not a view falls back to the beginner view with a notice', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { mode: 'wizard' }, version: 1 }));
    const { useViewModeStore, useNoticesStore } = await freshStore();
    expect(useViewModeStore.getState().mode).toBe('beginner');
    expect(JSON.stringify(useNoticesStore.getState())).toContain('openbook.view.mode');
  });
});
