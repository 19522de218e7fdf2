// Where the page's long main-thread tasks go (`BENCH_TRACE=1 npm run bench:ingest`): a Chrome trace of
// the renderer's main thread (its tasks) and a sampling CPU profile taken at the same time; for each task
// over the threshold, the functions its samples were in (by inclusive time, the app's own first) and the
// rendering work (style, layout, paint, garbage collection) the trace saw inside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it: wall time less the time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface LongTaskTrace {
  /** What every main-thread task longer than the threshold did. */
  text: string;
  /**
   * The longest task, in wall time and in time on a core (the rest it waited for one), leaving out
   * Playwright's own hand-over of the file's bytes (a user's drop does not cost it).
   */
  longestMs: number;
  longestCpuMs: number;
}

export interface LongTaskTracer {
  /** Stop, and describe every main-thread task longer than `overMs`. */
  stop(overMs: number): Promise<LongTaskTrace>;
}

/** Start tracing the page's main thread and sampling its JavaScript. */
export async function startLongTaskTrace(page: Page): Promise<LongTaskTracer> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
  return {
    async stop(overMs) {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      await cdp.detach();
      if (process.env.BENCH_TRACE_DUMP) dump(process.env.BENCH_TRACE_DUMP, events, profile);
      return describe(events, profile, overMs);
    },
  };
}

let dumps = 0;
/** BENCH_TRACE_DUMP=dir: the raw trace events and CPU profile too, as JSON (trace-N.json, profile-N.json), to look at in DevTools. */
function dump(dir: string, events: TraceEvent[], profile: Profile): void {
  mkdirSync(dir, { recursive: true });
  dumps++;
  writeFileSync(`${dir}/trace-${dumps}.json`, JSON.stringify({ traceEvents: events }));
  writeFileSync(`${dir}/profile-${dumps}.json`, JSON.stringify(profile));
}

function describe(events: TraceEvent[], profile: Profile, overMs: number): LongTaskTrace {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { text: 'no renderer main thread in the trace', longestMs: Number.NaN, longestCpuMs: Number.NaN };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  // Most time on a core first (on a loaded machine a long wall time is mostly waiting for one).
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! > overMs * 1000).sort((a, b) => (b.tdur ?? b.dur!) - (a.tdur ?? a.dur!));
  // The profile's samples with their times (µs, the trace's clock).
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const frameName = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const lines: string[] = [];
  let longestMs = 0;
  let longestCpuMs = 0;
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inclusive = new Map<string, number>();
    let samples = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < task.ts || times[i]! > end) continue;
      samples++;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id)!;
        if (node.callFrame.functionName === '(root)') continue;
        const name = frameName(node);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
      }
    }
    if (inclusive.has([...inclusive.keys()].find((k) => k.startsWith('setInputFiles ')) ?? '')) {
      lines.push(`task ${(task.dur! / 1000).toFixed(0)} ms: Playwright handing the file to the page (not counted)`);
      continue;
    }
    longestMs = Math.max(longestMs, task.dur! / 1000);
    longestCpuMs = Math.max(longestCpuMs, (task.tdur ?? task.dur!) / 1000);
    if (lines.length > 80) continue;
    const rendering = new Map<string, number>();
    for (const e of onMain) {
      if (e === task || e.ts < task.ts || e.ts + e.dur! > end) continue;
      if (/^(UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|Commit|MajorGC|MinorGC|V8\.GC_SCAVENGER|V8\.GC_MARK_COMPACTOR|HitTest|ParseHTML)$/.test(e.name))
        rendering.set(e.name, (rendering.get(e.name) ?? 0) + e.dur! / 1000);
    }
    const cpu = task.tdur !== undefined ? `, ${(task.tdur / 1000).toFixed(0)} ms on a core` : '';
    lines.push(`task ${(task.dur! / 1000).toFixed(0)} ms${cpu} (${samples} samples)`);
    const top = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TRACE_TOP ?? 14));
    for (const [name, n] of top) lines.push(`    ${((100 * n) / Math.max(1, samples)).toFixed(0).padStart(3)}%  ${name}`);
    const r = [...rendering].map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ');
    if (r) lines.push(`    rendering: ${r}`);
  }
  return { text: lines.join('\n'), longestMs, longestCpuMs };
}
