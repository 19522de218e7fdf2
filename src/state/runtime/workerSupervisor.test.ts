// A worker that dies is noticed: a fake Worker fires 'error' or 'messageerror', or stays silent, and the
// calls in flight reject; the lazy worker then starts a new one. The heartbeat runs on a fake clock.
import { describe, expect, it } from 'vitest';
import { lazyWorker } from './lazyWorker';
import { useWorkerHealthStore } from './workerHealthStore';
import type { WorkerClient } from '../../adapters/workerRpc';
import { PING, superviseApi, superviseWorker, WorkerDiedError, type HeartbeatClock } from '../../adapters/workerSupervisor';

/** A Worker stand-in: events fired by hand, messages posted recorded. */
class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(data: unknown) {
    this.posted.push(data);
  }
  terminate() {
    this.terminated = true;
  }
  crash(text: string) {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = text;
    this.dispatchEvent(event);
  }
}

/** A clock moved by hand; `every` ticks when the time passes a multiple of its period. */
function fakeClock() {
  let time = 0;
  const timers = new Set<{ ms: number; next: number; tick: () => void }>();
  const clock: HeartbeatClock = {
    now: () => time,
    every(ms, tick) {
      const timer = { ms, next: time + ms, tick };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const due = [...timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      time = due.next;
      due.next += due.ms;
      due.tick();
    }
    time = end;
  };
  return { clock, advance, timers };
}

const never = <T>() => new Promise<T>(() => undefined);

describe('a supervised worker', () => {
  it("rejects the calls in flight when the worker fires 'error', and terminates it", async () => {
    const worker = new FakeWorker();
    const supervisor = superviseWorker(worker);
    const api = superviseApi({ parse: () => never<string>() }, supervisor);
    const call = api.parse();
    let died: WorkerDiedError | null = null;
    supervisor.onDeath((e) => (died = e));
    worker.crash('out of memory');
    await expect(call).rejects.toMatchObject({ name: 'WorkerDiedError', kind: 'crashed', message: 'the worker crashed: out of memory' });
    expect(died).toBeInstanceOf(WorkerDiedError);
    expect(worker.terminated).toBe(true);
    await expect(api.parse()).rejects.toBeInstanceOf(WorkerDiedError);
  });

  it("rejects the calls in flight on 'messageerror'", async () => {
    const worker = new FakeWorker();
    const api = superviseApi({ run: () => never<number>() }, superviseWorker(worker));
    const call = api.run();
    worker.dispatchEvent(new Event('messageerror'));
    await expect(call).rejects.toMatchObject({ kind: 'message-unreadable' });
  });

  it('passes results and errors of a living worker through', async () => {
    const worker = new FakeWorker();
    const api = superviseApi({ ok: async (x: number) => x * 2, bad: async () => Promise.reject(new Error('no')) }, superviseWorker(worker));
    await expect(api.ok(21)).resolves.toBe(42);
    await expect(api.bad()).rejects.toThrow('no');
    expect(worker.terminated).toBe(false);
  });

  it('pings a worker with calls in flight, and declares it unresponsive only after a long silence', async () => {
    const worker = new FakeWorker();
    const { clock, advance, timers } = fakeClock();
    const api = superviseApi({ slow: () => never<void>() }, superviseWorker(worker, { pingEveryMs: 10, deadAfterMs: 100, clock }));
    expect(timers.size).toBe(0); // no heartbeat while idle
    const call = api.slow();
    let settled = false;
    call.catch(() => (settled = true));
    advance(50);
    expect(worker.posted.filter((m) => m === PING).length).toBe(5);
    worker.dispatchEvent(new MessageEvent('message', { data: 'progress' })); // any message counts as alive
    advance(95);
    await Promise.resolve();
    expect(settled).toBe(false);
    advance(20);
    await expect(call).rejects.toMatchObject({ kind: 'unresponsive' });
    expect(worker.terminated).toBe(true);
    expect(timers.size).toBe(0);
  });

  it('has no silence check unless asked for one (an index build may rightly be silent for minutes)', async () => {
    const worker = new FakeWorker();
    const { clock, advance, timers } = fakeClock();
    const api = superviseApi({ build: () => never<void>() }, superviseWorker(worker, { clock }));
    void api.build();
    expect(timers.size).toBe(0);
    advance(3_600_000);
    expect(worker.terminated).toBe(false);
    expect(worker.posted).toEqual([]);
  });

  it('stops the heartbeat when no call is in flight', async () => {
    const worker = new FakeWorker();
    const { clock, advance, timers } = fakeClock();
    const api = superviseApi({ quick: async () => 1 }, superviseWorker(worker, { pingEveryMs: 10, deadAfterMs: 100, clock }));
    await api.quick();
    expect(timers.size).toBe(0);
    advance(1000);
    expect(worker.terminated).toBe(false);
  });
});

describe('a lazy worker', () => {
  it('starts a new worker on the next use after the last one died', async () => {
    const workers: FakeWorker[] = [];
    const lazy = lazyWorker(async (): Promise<WorkerClient<{ parse(): Promise<string> }>> => {
      const worker = new FakeWorker();
      workers.push(worker);
      const supervisor = superviseWorker(worker);
      const api = superviseApi({ parse: () => (workers.length === 1 ? never<string>() : Promise.resolve('parsed')) }, supervisor);
      return { api: api as unknown as WorkerClient<{ parse(): Promise<string> }>['api'], terminate: () => worker.terminate(), onDeath: supervisor.onDeath };
    }, 'parser');
    const first = await lazy.get();
    const inFlight = first.api.parse();
    workers[0]!.crash('boom');
    await expect(inFlight).rejects.toBeInstanceOf(WorkerDiedError);
    expect(lazy.current()).toBeNull();
    expect(useWorkerHealthStore.getState().deaths).toEqual([{ worker: 'parser', detail: 'the worker crashed: boom' }]);
    const second = await lazy.get();
    expect(second).not.toBe(first);
    await expect(second.api.parse()).resolves.toBe('parsed');
    expect(workers).toHaveLength(2);
  });
});
