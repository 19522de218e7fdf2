// The first screen stays light (issue 16: at most 250 KB gzip of JavaScript and CSS with an empty workspace,
// measured by `npm run bench`, suite first-screen): nothing that main.tsx reaches through static imports may
// bring in transformers.js, ONNX Runtime, umap-js, Voy or WebLLM. They load in workers (new URL(...)) or
// through import() when first needed. One careless import of a small helper is enough to bundle megabytes
// into the entry chunk, as modelLocation.ts and projection.ts once did: this walks the static imports.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const HEAVY = ['@huggingface/transformers', 'onnxruntime-web', 'onnxruntime-common', 'umap-js', 'voy-search', '@mlc-ai/web-llm', 'pdfjs-dist', 'mammoth'];
const SRC = join(import.meta.dirname, '..');

/** The static, value-bringing imports and re-exports of a module (not `import type`, not import()). */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\bfrom\s+)?'([^']+)'/gm)) {
    if (m[2]) continue; // import type / export type: erased
    if (m[1] === 'export' && !m[3]) continue;
    out.push(m[4]!);
  }
  return out;
}

function resolveModule(from: string, spec: string): string | null {
  const base = join(dirname(from), spec.split('?')[0]!);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every package reached from `entry` through static imports, with one path that reaches it. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveModule(file, spec);
        if (next) walk(next, [...path, relative(SRC, next)]);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (!reached.has(name)) reached.set(name, path);
    }
  };
  walk(entry, [relative(SRC, entry)]);
  return reached;
}

describe('the first screen', () => {
  it('reads static imports, leaving out types and lazy imports', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export type { C } from './c';",
      "export { d } from './d';",
      "import './e.css';",
      'const f = await import("./f");',
      "import {\n  g,\n  type H,\n} from '@scope/g/sub';",
    ].join('\n');
    expect(staticImports(source)).toEqual(['./a', './d', './e.css', '@scope/g/sub']);
  });

  it('reaches none of the large libraries from main.tsx through static imports', () => {
    const reached = packagesReached(join(SRC, 'main.tsx'));
    expect(reached.has('react')).toBe(true); // the walk does reach the app's packages
    expect(reached.has('dexie')).toBe(true);
    const heavy = HEAVY.filter((name) => reached.has(name)).map((name) => `${name} via ${reached.get(name)!.join(' -> ')}`);
    expect(heavy).toEqual([]);
  });
});
