// Two tabs on one workspace, with a fake lock manager (Web Locks' ifAvailable, steal and queueing) and a
// fake BroadcastChannel: the second tab is told and does not save; "Use here" moves the saving; saves
// under the save lock never overlap.
import { describe, expect, it } from 'vitest';
import { createTabLock, type ChannelLike, type LockManagerLike, type TabLockDeps } from './tabLock';

/** Web Locks, exclusive mode only, shared by the "tabs" of one test. */
class FakeLocks implements LockManagerLike {
  private held = new Map<string, { abort: (e: Error) => void }>();
  private waiting = new Map<string, (() => void)[]>();

  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        const release = () => {
          this.held.delete(name);
          this.waiting.get(name)?.shift()?.();
        };
        this.held.set(name, { abort: reject });
        Promise.resolve(callback({ name })).then(
          (v) => {
            release();
            resolve(v);
          },
          (e: unknown) => {
            release();
            reject(e);
          },
        );
      };
      const current = this.held.get(name);
      if (options.steal) {
        current?.abort(new DOMException('stolen', 'AbortError'));
        this.held.delete(name);
        grant();
      } else if (!current) grant();
      else if (options.ifAvailable) Promise.resolve(callback(null)).then(resolve, reject);
      else this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
    });
  }
}

/** BroadcastChannel between the tabs of one test: a message goes to every other member, later. */
function fakeChannels() {
  const members: ((e: MessageEvent) => void)[][] = [];
  return (): ChannelLike => {
    const mine: ((e: MessageEvent) => void)[] = [];
    members.push(mine);
    return {
      postMessage: (data) => {
        for (const other of members) if (other !== mine) for (const l of other) queueMicrotask(() => l(new MessageEvent('message', { data })));
      },
      addEventListener: (_type, listener) => mine.push(listener),
    };
  };
}

function tab(shared: Partial<TabLockDeps>, claim = false) {
  const reloads: string[] = [];
  const lock = createTabLock({
    locks: shared.locks ?? null,
    openChannel: shared.openChannel ?? (() => null),
    takeClaim: () => claim,
    claimAndReload: () => reloads.push('reload'),
  });
  return { lock, role: () => lock.useTabStore.getState().role, reloads };
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(() => setTimeout(resolve, 0))));

describe('two tabs with Web Locks', () => {
  it('lets the first tab save and tells the second, which does not save', async () => {
    const locks = new FakeLocks();
    const first = tab({ locks });
    await first.lock.start();
    expect(first.role()).toBe('owner');
    expect(first.lock.canSave()).toBe(true);
    const second = tab({ locks });
    await second.lock.start();
    expect(second.role()).toBe('other-tab');
    expect(second.lock.canSave()).toBe(false);
    second.lock.stayReadOnly();
    expect(second.role()).toBe('read-only');
    second.lock.useHere();
    expect(second.reloads).toEqual(['reload']);
  });

  it('"Use here" (the reloaded tab claims the lock) makes the other tab read-only', async () => {
    const locks = new FakeLocks();
    const first = tab({ locks });
    await first.lock.start();
    const reloaded = tab({ locks }, true);
    await reloaded.lock.start();
    await first.lock.decided();
    await settle();
    expect(reloaded.role()).toBe('owner');
    expect(first.role()).toBe('read-only');
    expect(first.lock.canSave()).toBe(false);
  });

  it('runs saves from two tabs one at a time', async () => {
    const locks = new FakeLocks();
    const a = tab({ locks });
    const b = tab({ locks });
    const log: string[] = [];
    let releaseA: () => void = () => undefined;
    const saveA = a.lock.withSaveLock(async () => {
      log.push('a start');
      await new Promise<void>((r) => (releaseA = r));
      log.push('a end');
    });
    const saveB = b.lock.withSaveLock(async () => {
      log.push('b start');
      log.push('b end');
    });
    await settle();
    expect(log).toEqual(['a start']);
    releaseA();
    await Promise.all([saveA, saveB]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});

describe('two tabs with only a BroadcastChannel', () => {
  it('tells the second tab, and a take-over makes the first read-only', async () => {
    const openChannel = fakeChannels();
    const first = tab({ openChannel });
    await first.lock.start();
    expect(first.role()).toBe('owner');
    const second = tab({ openChannel });
    await second.lock.start();
    await settle();
    expect(second.role()).toBe('other-tab');
    expect(first.role()).toBe('owner');
    const third = tab({ openChannel }, true);
    await third.lock.start();
    await settle();
    expect(third.role()).toBe('owner');
    expect(first.role()).toBe('read-only');
  });
});

describe('a tab with neither', () => {
  it('saves, as before', async () => {
    const alone = tab({});
    await alone.lock.start();
    expect(alone.lock.canSave()).toBe(true);
    await expect(alone.lock.withSaveLock(async () => 7)).resolves.toBe(7);
  });
});
