// The licences of the third-party packages bundled into the built site, as dist/third-party-licenses.txt.
// A Vite plugin: every build (the page's and each worker's) records the node_modules packages its modules
// come from; the page's build, which finishes last, writes each package's name, version, declared licence
// and licence files (LICENSE, LICENCE, COPYING, NOTICE) into one text file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const LICENSES_FILE = 'third-party-licenses.txt';

/** The folder of the package a module id comes from (the innermost node_modules one), or null. */
export function packageDirOf(id: string): string | null {
  const path = id.replace(/^\0/, '').split('?')[0]!.replace(/\\/g, '/');
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = path.slice(at + '/node_modules/'.length).split('/');
  const nameParts = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= nameParts || rest.slice(0, nameParts).some((p) => p === '' || p.startsWith('.'))) return null;
  return path.slice(0, at + '/node_modules/'.length) + rest.slice(0, nameParts).join('/');
}

export interface PackageLicense {
  name: string;
  version: string;
  license: string;
  /** The licence files' names and texts, in name order; empty where the package ships none. */
  files: { name: string; text: string }[];
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

function declaredLicense(license: unknown): string {
  if (typeof license === 'string') return license;
  if (license && typeof license === 'object' && 'type' in license && typeof license.type === 'string') return license.type;
  return 'not declared';
}

/** Reads a package's name, version, declared licence and licence files from its folder. */
export function readPackageLicense(dir: string): PackageLicense | null {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return null;
  }
  if (!pkg || typeof pkg !== 'object' || !('name' in pkg) || typeof pkg.name !== 'string') return null;
  const version = 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '';
  const license = declaredLicense('license' in pkg ? pkg.license : undefined);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && LICENSE_FILE.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8').trim() }));
  return { name: pkg.name, version, license, files };
}

/** The text of the licences file: one section per package (name@version, once each), in name order. */
export function formatLicenses(packages: PackageLicense[]): string {
  const unique = new Map<string, PackageLicense>();
  for (const p of packages) unique.set(`${p.name}@${p.version}`, p);
  const sorted = [...unique.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1));
  const rule = '-'.repeat(80);
  const sections = sorted.map((p) => {
    const head = `${p.name}@${p.version}\nLicense: ${p.license}`;
    const body = p.files.length === 0 ? '(the package ships no licence file)' : p.files.map((f) => `${f.name}:\n\n${f.text}`).join('\n\n');
    return `${rule}\n${head}\n\n${body}\n`;
  });
  return (
    `Openbook is MIT-licensed (see LICENSE). The built site bundles the following ${sorted.length} third-party ` +
    `packages, each under its own licence, given here as the package ships it.\n\n${sections.join('\n')}`
  );
}

/**
 * Two plugins that share what they collect: `collect` for the worker builds (vite.config's worker.plugins)
 * and `write` for the page's build, which also collects and emits the file. `alsoShipped` names packages
 * that another tool bundles into the site (the service worker's Workbox runtime), found in node_modules.
 */
export function thirdPartyLicenses(alsoShipped: string[] = []): { collect: () => Plugin; write: Plugin } {
  const dirs = new Set<string>(alsoShipped.map((name) => join(process.cwd(), 'node_modules', name)));
  const record = (ids: Iterable<string>) => {
    for (const id of ids) {
      const dir = packageDirOf(id);
      if (dir) dirs.add(dir);
    }
  };
  return {
    collect: () => ({
      name: 'openbook-third-party-licenses-collect',
      apply: 'build',
      buildEnd() {
        record(this.getModuleIds());
      },
    }),
    write: {
      name: 'openbook-third-party-licenses',
      apply: 'build',
      buildEnd() {
        record(this.getModuleIds());
      },
      generateBundle() {
        const packages = [...dirs].map(readPackageLicense).filter((p): p is PackageLicense => p !== null);
        this.emitFile({ type: 'asset', fileName: LICENSES_FILE, source: formatLicenses(packages) });
      },
    },
  };
}
