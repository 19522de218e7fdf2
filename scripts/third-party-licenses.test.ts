import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLicenses, packageDirOf, readPackageLicense } from './third-party-licenses';

describe('packageDirOf', () => {
  it('finds the innermost package folder of a module id, scoped or not, query and \\0 prefix ignored', () => {
    expect(packageDirOf('/app/node_modules/react/index.js')).toBe('/app/node_modules/react');
    expect(packageDirOf('/app/node_modules/@huggingface/transformers/dist/a.js?worker')).toBe('/app/node_modules/@huggingface/transformers');
    expect(packageDirOf('\0/app/node_modules/a/node_modules/b/lib/x.js')).toBe('/app/node_modules/a/node_modules/b');
    expect(packageDirOf('C:\\app\\node_modules\\dexie\\dist\\dexie.mjs')).toBe('C:/app/node_modules/dexie');
  });

  it('is null for the app’s own modules and for node_modules’ own files', () => {
    expect(packageDirOf('/app/src/main.tsx')).toBeNull();
    expect(packageDirOf('/app/node_modules/.vite/deps/x.js')).toBeNull();
    expect(packageDirOf('/app/node_modules/@scope')).toBeNull();
  });
});

describe('readPackageLicense and formatLicenses', () => {
  it('reads the declared licence and the licence files, and lists each package once, in name order', () => {
    const root = mkdtempSync(join(tmpdir(), 'openbook-licenses-'));
    const a = join(root, 'zeta');
    const b = join(root, 'alpha');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(a, 'package.json'), JSON.stringify({ name: 'zeta', version: '1.0.0', license: 'MIT' }));
    writeFileSync(join(a, 'LICENSE.md'), 'MIT License\n\nCopyright (c) Zeta\n');
    writeFileSync(join(a, 'NOTICE'), 'Zeta notice');
    writeFileSync(join(a, 'README.md'), 'not a licence');
    writeFileSync(join(b, 'package.json'), JSON.stringify({ name: 'alpha', version: '2.0.0', license: { type: 'BSD-3-Clause' } }));

    const zeta = readPackageLicense(a);
    expect(zeta).toEqual({
      name: 'zeta',
      version: '1.0.0',
      license: 'MIT',
      files: [
        { name: 'LICENSE.md', text: 'MIT License\n\nCopyright (c) Zeta' },
        { name: 'NOTICE', text: 'Zeta notice' },
      ],
    });
    const alpha = readPackageLicense(b);
    expect(alpha).toEqual({ name: 'alpha', version: '2.0.0', license: 'BSD-3-Clause', files: [] });
    expect(readPackageLicense(join(root, 'missing'))).toBeNull();

    const text = formatLicenses([zeta!, alpha!, zeta!]);
    expect(text).toContain('bundles the following 2 third-party packages');
    expect(text.indexOf('alpha@2.0.0\nLicense: BSD-3-Clause')).toBeGreaterThan(0);
    expect(text.indexOf('alpha@2.0.0')).toBeLessThan(text.indexOf('zeta@1.0.0'));
    expect(text.match(/zeta@1\.0\.0/g)).toHaveLength(1);
    expect(text).toContain('(the package ships no licence file)');
    expect(text).toContain('LICENSE.md:\n\nMIT License\n\nCopyright (c) Zeta');
  });
});
