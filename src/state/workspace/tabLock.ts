// One workspace, one writing tab. The first tab holds the 'openbook.workspace' Web Lock (navigator.locks)
// for as long as it is open and is the only one that saves; a tab opened while another holds it is told
// so and does not save (read-only) until the user picks "Use here": that tab reloads and steals the lock,
// and the tab that had it becomes read-only. Where Web Locks are missing a BroadcastChannel does the same,
// less strictly (tabs answer each other's hello). Saves also run one at a time across tabs, under a second
// lock (withSaveLock), so that two tabs' writes never interleave.
import { create, type StoreApi, type UseBoundStore } from 'zustand';

/**
 * 'owner': this tab saves the workspace. 'other-tab': another tab had it when this one opened (a choice is
 * offered). 'read-only': the user chose so here, or another tab took the workspace over.
 */
export type TabRole = 'checking' | 'owner' | 'other-tab' | 'read-only';

/** The part of navigator.locks used here. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<unknown> | unknown): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(data: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface TabLockDeps {
  locks: LockManagerLike | null;
  openChannel: () => ChannelLike | null;
  /** Whether this page was loaded by "Use here" (read once). */
  takeClaim: () => boolean;
  /** Remember "Use here" and reload the page. */
  claimAndReload: () => void;
}

export const OWNER_LOCK = 'openbook.workspace';
export const SAVE_LOCK = 'openbook.workspace-save';
const CHANNEL = 'openbook.tabs';
const CLAIM_KEY = 'openbook.claim-workspace';

type ChannelMessage = { type: 'hello' | 'here' | 'take-over'; from: string };

export interface TabLock {
  useTabStore: UseBoundStore<StoreApi<{ role: TabRole }>>;
  start(): Promise<void>;
  /** Resolves once this tab knows whether it may save. */
  decided(): Promise<void>;
  canSave(): boolean;
  /** "Use here": reload this tab as the one that saves. */
  useHere(): void;
  /** "Stay read-only here". */
  stayReadOnly(): void;
  /** Run a save with no other tab's save running (under the save lock where Web Locks exist). */
  withSaveLock<T>(save: () => Promise<T>): Promise<T>;
}

export function createTabLock(deps: TabLockDeps): TabLock {
  const useTabStore = create<{ role: TabRole }>()(() => ({ role: 'checking' }));
  const setRole = (role: TabRole) => useTabStore.setState({ role });
  const id = Math.random().toString(36).slice(2);
  let decision: Promise<void> = Promise.resolve();

  const startWithLocks = (locks: LockManagerLike, claim: boolean): Promise<void> =>
    new Promise<void>((decide) => {
      locks
        .request(OWNER_LOCK, claim ? { steal: true } : { ifAvailable: true }, (lock) => {
          if (!lock) {
            setRole('other-tab');
            decide();
            return undefined;
          }
          setRole('owner');
          decide();
          // Held while the page is open; released when it closes (or stolen by "Use here" elsewhere).
          return new Promise<never>(() => undefined);
        })
        .catch(() => {
          // The lock was stolen: another tab took the workspace over.
          setRole('read-only');
          decide();
        });
    });

  const startWithChannel = (channel: ChannelLike, claim: boolean) => {
    channel.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as Partial<ChannelMessage> | null;
      if (!data || data.from === id) return;
      const role = useTabStore.getState().role;
      if (data.type === 'hello' && role === 'owner') channel.postMessage({ type: 'here', from: id } satisfies ChannelMessage);
      else if (data.type === 'here' && role === 'owner' && !claim) setRole('other-tab');
      else if (data.type === 'take-over' && role === 'owner') setRole('read-only');
    });
    setRole('owner');
    channel.postMessage({ type: claim ? 'take-over' : 'hello', from: id } satisfies ChannelMessage);
  };

  return {
    useTabStore,
    start() {
      const claim = deps.takeClaim();
      if (deps.locks) {
        decision = startWithLocks(deps.locks, claim);
        return decision;
      }
      const channel = deps.openChannel();
      if (channel) startWithChannel(channel, claim);
      else setRole('owner');
      return decision;
    },
    decided: () => decision,
    canSave() {
      const role = useTabStore.getState().role;
      return role === 'owner' || role === 'checking';
    },
    useHere: () => deps.claimAndReload(),
    stayReadOnly: () => setRole('read-only'),
    withSaveLock<T>(save: () => Promise<T>): Promise<T> {
      if (!deps.locks) return save();
      return deps.locks.request(SAVE_LOCK, {}, () => save()) as Promise<T>;
    },
  };
}

function browserDeps(): TabLockDeps {
  const hasWindow = typeof window !== 'undefined';
  const locks = hasWindow && 'locks' in navigator ? (navigator.locks as unknown as LockManagerLike) : null;
  return {
    locks,
    openChannel: () => (hasWindow && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null),
    takeClaim() {
      if (!hasWindow) return false;
      try {
        const claim = sessionStorage.getItem(CLAIM_KEY) === '1';
        sessionStorage.removeItem(CLAIM_KEY);
        return claim;
      } catch {
        return false;
      }
    },
    claimAndReload() {
      try {
        sessionStorage.setItem(CLAIM_KEY, '1');
      } catch {
        /* without sessionStorage the reload is a plain one */
      }
      location.reload();
    },
  };
}

/** This tab's lock (in Node tests there are no locks and no channel: the tab saves, as before). */
export const tabLock = createTabLock(browserDeps());
export const useTabStore = tabLock.useTabStore;
export const startTabLock = tabLock.start;
