// Where the renderer's memory goes at n chunks (a diagnosis aid, not a benchmark): imports a workspace file
// of n chunks × 384 (as bench-browser.ts makes it), waits for the vector and keyword indexes, collects garbage,
// then prints each JS context's heap (page and workers: used and committed JS heap, ArrayBuffer backing
// stores; a worker's wasm memory is not among them: it is the rest of the renderers' growth) and, with
// MEM_SNAPSHOT=1, the largest object groups of the page's and the keyword worker's heap snapshots (written
// to the temporary folder, for DevTools). The port must be free (another run's server would answer).
//   MEM_N=100000  MEM_DIST=dist-e2e  MEM_PORT=4313  MEM_SNAPSHOT=1  MEM_RELOAD=1 (measure after a reload too)
//   MEM_SMAPS=1 (growth by kind of mapping)  MEM_PURGE=1 (also after a memory pressure signal)  MEM_ASK=1 (ask a keyword question before measuring, as bench-browser.ts does)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import { benchWorkspaceFile } from './bench/workspaceFixture';

const N = Number(process.env.MEM_N ?? 100_000);
const DIST = process.env.MEM_DIST ?? 'dist-e2e';
const PORT = Number(process.env.MEM_PORT ?? 4313);
const DIM = 384;

const workspaceFile = (n: number) => benchWorkspaceFile(n, { modelId: 'Xenova/all-MiniLM-L6-v2', dim: DIM });

/** Send a CDP command to a worker through the page session (flatten: false), collecting events of `collect`. */
async function workerCall(
  session: CDPSession,
  sessionId: string,
  id: number,
  method: string,
  params: object = {},
  onEvent?: (e: { method: string; params: unknown }) => void,
) {
  return new Promise<unknown>((resolve) => {
    setTimeout(() => resolve(null), 20_000); // a worker that does not answer (busy, or ended)
    const listener = (e: { sessionId?: string; message: string }) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; method?: string; params?: unknown };
      if (m.method && onEvent) onEvent(m as { method: string; params: unknown });
      if (m.id === id) {
        session.off('Target.receivedMessageFromTarget', listener);
        resolve(m.result);
      }
    };
    session.on('Target.receivedMessageFromTarget', listener);
    void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
}

/** Self sizes of a heap snapshot by node type and name, largest first. */
function summarize(json: string, top = 30): string {
  const snap = JSON.parse(json) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const w = fields.length;
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += w) {
    const type = types[snap.nodes[i + ti!]!]!;
    let name = snap.strings[snap.nodes[i + ni!]!]!;
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (type === 'number') name = '';
    const key = `${type} ${name.slice(0, 60)}`;
    const size = snap.nodes[i + si!]!;
    total += size;
    const g = groups.get(key) ?? { size: 0, count: 0 };
    g.size += size;
    g.count++;
    groups.set(key, g);
  }
  const rows = [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, top);
  return (
    `  total ${(total / 1e6).toFixed(1)} MB (${(total / N).toFixed(0)} B/chunk)\n` +
    rows.map(([k, g]) => `  ${(g.size / N).toFixed(1).padStart(7)} B/chunk  ${String(g.count).padStart(8)}×  ${k}`).join('\n')
  );
}

/**
 * MEM_SMAPS=1: the renderers' private memory by kind of mapping: wasm memories (anonymous mappings of 32 MiB
 * or more), partition allocator super pages (~2 MiB: Blink objects, strings, ArrayBuffer backing stores),
 * V8 heap pages (256 KiB; larger: large objects), shared memory regions (IPC, blobs), files, other.
 */
function smapsGroups(pid: number, groups: Map<string, number>): void {
  const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  for (const block of text.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+[ \t]*(.*)$/m.exec(block);
    if (!head) continue;
    const size = Number.parseInt(head[2]!, 16) - Number.parseInt(head[1]!, 16);
    let priv = 0;
    for (const m of block.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) priv += Number(m[1]) * 1024;
    if (priv === 0) continue;
    const name = head[3]!.trim();
    const mib = size / 2 ** 20;
    const key = name.includes('memfd:')
      ? 'shared memory regions (memfd)'
      : name === '[stack]' || name.startsWith('[')
        ? name
        : name
          ? 'files'
          : mib >= 32
            ? 'wasm memories (anon >= 32 MiB)'
            : mib >= 1.6 && mib <= 2.1
              ? 'anon ~2 MiB (partition alloc super pages)'
              : size === 256 * 1024
                ? 'anon 256 KiB (V8 pages)'
                : 'anon other';
    groups.set(key, (groups.get(key) ?? 0) + priv);
  }
}

async function snapshot(
  send: (method: string, params?: object, onEvent?: (e: { method: string; params: unknown }) => void) => Promise<unknown>,
): Promise<string> {
  const parts: string[] = [];
  await send('HeapProfiler.enable');
  await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, (e) => {
    if (e.method === 'HeapProfiler.addHeapSnapshotChunk') parts.push((e.params as { chunk: string }).chunk);
  });
  return parts.join('');
}

async function measure(browser: import('@playwright/test').Browser, page: import('@playwright/test').Page, label: string) {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const rows: string[] = [];
  const main = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; backingStorageSize?: number };
  rows.push(
    `page: heap ${(main.usedSize / N).toFixed(0)} B/chunk (of ${(main.totalSize / N).toFixed(0)} committed), backing stores ${((main.backingStorageSize ?? 0) / N).toFixed(0)} B/chunk`,
  );
  if (process.env.MEM_SNAPSHOT) {
    const json = await snapshot((method, params, onEvent) => {
      if (onEvent) session.on('HeapProfiler.addHeapSnapshotChunk', (p) => onEvent({ method: 'HeapProfiler.addHeapSnapshotChunk', params: p }));
      return session.send(method as 'HeapProfiler.enable', params as never);
    });
    writeFileSync(join(tmpdir(), `mem-page-${label}.heapsnapshot`), json);
    rows.push('page snapshot:');
    rows.push(summarize(json));
  }
  const { targetInfos } = await session.send('Target.getTargets');
  let id = 1;
  for (const t of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    const send = (method: string, params: object = {}, onEvent?: (e: { method: string; params: unknown }) => void) =>
      workerCall(session, sessionId, id++, method, params, onEvent);
    await send('HeapProfiler.collectGarbage');
    const u = ((await send('Runtime.getHeapUsage')) ?? { usedSize: 0, totalSize: 0 }) as { usedSize: number; totalSize: number; backingStorageSize?: number };
    const name = t.url.replace(/^.*\/assets\//, '');
    rows.push(
      `${name}: heap ${(u.usedSize / N).toFixed(0)} B/chunk (of ${(u.totalSize / N).toFixed(0)} committed), backing stores ${((u.backingStorageSize ?? 0) / N).toFixed(0)} B/chunk`,
    );
    if (process.env.MEM_SNAPSHOT && /keywordIndex/.test(name)) {
      const json = await snapshot(send);
      writeFileSync(join(tmpdir(), `mem-keyword-${label}.heapsnapshot`), json);
      rows.push(summarize(json));
    }
    await session.send('Target.detachFromTarget', { sessionId });
  }
  await session.detach();
  await new Promise((r) => setTimeout(r, 2000));
  const browserSession = await browser.newBrowserCDPSession();
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo' as never)) as { processInfo: Array<{ type: string; id: number }> };
  await browserSession.detach();
  const privateOf = (groups?: Map<string, number>) => {
    let sum = 0;
    for (const p of processInfo.filter((p) => p.type === 'renderer')) {
      const rollup = readFileSync(`/proc/${p.id}/smaps_rollup`, 'utf8');
      for (const m of rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) sum += Number(m[1]) * 1024;
      if (groups) smapsGroups(p.id, groups);
    }
    return sum;
  };
  const groups = new Map<string, number>();
  const total = privateOf(process.env.MEM_SMAPS ? groups : undefined);
  // MEM_PURGE=1: what is left once the renderer is told memory is short (allocators give back their free
  // pages): the difference is memory freed but kept by an allocator, not held by the app.
  let purged: number | null = null;
  if (process.env.MEM_PURGE) {
    const s = await page.context().newCDPSession(page);
    await s.send('Memory.simulatePressureNotification', { level: 'critical' });
    await s.detach();
    await new Promise((r) => setTimeout(r, 2000));
    purged = privateOf();
  }
  return { total, rows, groups, purged };
}

/** Growth per chunk of each kind of mapping (MEM_SMAPS=1). */
function printGroups(before: Map<string, number>, after: Map<string, number>): void {
  if (!process.env.MEM_SMAPS) return;
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const rows = keys.map((k) => [k, ((after.get(k) ?? 0) - (before.get(k) ?? 0)) / N] as const).sort((a, b) => b[1] - a[1]);
  console.log('renderer growth by kind of mapping:');
  for (const [k, d] of rows) console.log(`  ${d.toFixed(0).padStart(6)} B/chunk  ${k}`);
}

async function main() {
  if (!existsSync(`${DIST}/index.html`)) throw new Error(`No build in ${DIST}/: run \`npx vite build --outDir ${DIST}\` first.`);
  const server = spawn('npx', ['vite', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  const url = `http://localhost:${PORT}/`;
  for (
    let i = 0;
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 100) throw new Error('The preview server did not start.');
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const file = workspaceFile(N);
    const path = join(tmpdir(), `mem-breakdown-${N}.zip`);
    writeFileSync(path, file);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    const before = await measure(browser, page, 'empty');
    await page.getByLabel('Workspace file to import').setInputFiles(path);
    const waitKeyword = () =>
      page.waitForFunction(
        (count) => performance.getEntriesByName('openbook:keyword-build').some((e) => (e as PerformanceMeasure).detail?.chunks === count),
        N,
        { polling: 500, timeout: 300_000 },
      );
    await page.waitForFunction(
      (count) => (document.querySelector('[data-testid="index-summary"]')?.textContent ?? '').includes(`Index ready: ${count} chunks`),
      N,
      {
        timeout: 300_000,
      },
    );
    await waitKeyword();
    if (process.env.MEM_ASK) {
      // A keyword question, as bench-browser.ts asks one before it measures.
      await page.getByRole('radio', { name: /^Keyword/ }).check();
      await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How hot is lava when it erupts? 熔岩的温度');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.getByTestId('retrieval-timing').filter({ hasText: 'keyword search' }).waitFor({ timeout: 60_000 });
    }
    await page.waitForTimeout(3000);
    const after = await measure(browser, page, 'import');
    console.log(`before: renderers ${(before.total / 1e6).toFixed(0)} MB`);
    console.log(before.rows.join('\n'));
    console.log(`after import: renderer growth ${((after.total - before.total) / N).toFixed(0)} B/chunk`);
    if (after.purged !== null && before.purged !== null)
      console.log(`  after a memory pressure signal: ${((after.purged - before.purged) / N).toFixed(0)} B/chunk`);
    console.log(after.rows.join('\n'));
    printGroups(before.groups, after.groups);
    if (process.env.MEM_RELOAD) {
      await page.reload();
      await page.waitForFunction(
        (count) => (document.querySelector('[data-testid="index-summary"]')?.textContent ?? '').includes(`Index ready: ${count} chunks`),
        N,
        {
          timeout: 300_000,
        },
      );
      await waitKeyword();
      await page.waitForTimeout(3000);
      const reloaded = await measure(browser, page, 'reload');
      console.log(`after reload: renderer growth ${((reloaded.total - before.total) / N).toFixed(0)} B/chunk`);
      if (reloaded.purged !== null && before.purged !== null)
        console.log(`  after a memory pressure signal: ${((reloaded.purged - before.purged) / N).toFixed(0)} B/chunk`);
      console.log(reloaded.rows.join('\n'));
      printGroups(before.groups, reloaded.groups);
    }
  } finally {
    await browser.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // the preview server has ended already
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
