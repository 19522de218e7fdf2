import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle (progress shown a few times a second)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the first report at once, then the latest one every interval, and the last one always', () => {
    const shown: number[] = [];
    const report = throttle((n: number) => shown.push(n), 100);
    report(1);
    expect(shown).toEqual([1]);
    for (let n = 2; n <= 10; n++) report(n);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(99);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([1, 10]);
    report(11);
    report(12);
    vi.advanceTimersByTime(100);
    expect(shown).toEqual([1, 10, 12]);
    // Long after the last one: at once again.
    vi.advanceTimersByTime(1000);
    report(13);
    expect(shown).toEqual([1, 10, 12, 13]);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1, 10, 12, 13]);
  });

  it('flush shows the waiting report now; cancel forgets it', () => {
    const shown: number[] = [];
    const report = throttle((n: number) => shown.push(n), 100);
    report(1);
    report(2);
    report.flush();
    expect(shown).toEqual([1, 2]);
    report.flush(); // nothing waits
    expect(shown).toEqual([1, 2]);
    report(3);
    report.cancel();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1, 2]);
  });
});
