// `npm run test:e2e`: generate the fixture models (embedding and chat), build the app, serve the build with the fixture models
// beside it (also a build for the sub-path /openbook/), and run Playwright in Chromium (once on WASM, once on WebGPU through SwiftShader).
// Extra arguments go to Playwright, e.g. `npm run test:e2e -- --project=wasm -g "sample"`.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { findChromium, INSTALL_HELP } from './find-chromium.mjs';

let chromium;
try {
  chromium = findChromium();
} catch (error) {
  console.error(`${error.message}\n`);
}
if (!chromium) {
  console.error(INSTALL_HELP);
  process.exit(1);
}

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const OUT = 'dist-e2e';
// The same app built for a sub-path, as a site deployed at https://host/openbook/ (e2e/subpath.spec.ts).
const SUB_OUT = 'dist-e2e-sub';
run('npx', ['tsx', 'scripts/make-fixture-models.ts', 'e2e/.generated/models']);
run('npx', ['tsx', 'scripts/make-fixture-chat-model.ts', 'e2e/.generated/models']);
run('npx', ['tsx', 'scripts/make-fixture-documents.ts', 'e2e/.generated/documents']);
rmSync(OUT, { recursive: true, force: true });
run('npx', ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn']);
rmSync(SUB_OUT, { recursive: true, force: true });
run('npx', ['vite', 'build', '--outDir', SUB_OUT, '--emptyOutDir', '--logLevel', 'warn'], { BASE_PATH: '/openbook/' });
// The site serves the fixture models itself, as a self-hosted (offline) site would.
cpSync('e2e/.generated/models', `${OUT}/models`, { recursive: true });
cpSync('e2e/.generated/models', `${SUB_OUT}/models`, { recursive: true });
run('npx', ['playwright', 'test', ...process.argv.slice(2)], { OPENBOOK_CHROMIUM: chromium });
