// Every literal translation key in the source (t('a.b'), message('a.b'), i18nKey="a.b") exists in the
// English strings (and so, by zh.ts's type, in Chinese): a mistyped or misplaced key would otherwise show
// the raw key to the user. Keys built at run time (template literals) are not checked here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function has(key: string): boolean {
  const lookup = (k: string) => {
    let node: unknown = en;
    for (const part of k.split('.')) {
      if (typeof node !== 'object' || node === null || !(part in node)) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return true;
  };
  // i18next plurals: 'x.count' may exist only as 'x.count_one' / 'x.count_other'.
  return lookup(key) || lookup(`${key}_other`);
}

describe('translation keys', () => {
  it('every literal key used in the source exists in en.ts', () => {
    const pattern = /(?:\bt|\bmessage|i18n\.t)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'|i18nKey="([a-zA-Z][\w-]*(?:\.[\w-]+)+)"/g;
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(pattern)) {
        const key = m[1] ?? m[2]!;
        checked++;
        if (!has(key)) missing.push(`${file.slice(file.indexOf('src/'))}: ${key}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });
});
