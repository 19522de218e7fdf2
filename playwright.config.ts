import { defineConfig } from '@playwright/test';
import { findChromium, INSTALL_HELP } from './scripts/find-chromium.mjs';
import { E2E_PORT, SUBPATH_PORT } from './e2e/ports';

const executablePath = findChromium();
if (!executablePath) throw new Error(INSTALL_HELP);

// Flags that keep Chromium itself from making requests a closed network refuses (and that the tests'
// "nothing leaves localhost" guard would catch). --no-sandbox because CI runs as root.
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
// WebGPU without a GPU: SwiftShader, a CPU Vulkan driver shipped with Chromium.
const webgpuArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

// E2E_PORT lets two checkouts run their e2e tests at the same time without sharing a server; the
// sub-path build is served on SUBPATH_PORT (e2e/subpath.spec.ts).
const port = E2E_PORT;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Two workers, one browser each: spec files run two at a time (the tests inside a file in order). Every test
  // has its own browser context (storage, caches, quota), and no test waits on a time budget.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The app's service worker would precache the whole site in every test; e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    // The browser asks for reduced motion, so the app scrolls at once (src/state/view/scrollBehavior.ts):
    // an action right after a scroll never meets a page still moving (a hover once found its target
    // scrolled out of view by a smooth scroll still under way).
    reducedMotion: 'reduce',
  },
  webServer: [
    {
      command: `npx vite preview --outDir dist-e2e --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --outDir dist-e2e-sub --base /openbook/ --port ${SUBPATH_PORT} --strictPort`,
      url: `http://localhost:${SUBPATH_PORT}/openbook/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
  projects: [
    {
      name: 'wasm',
      grepInvert: /@webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: baseArgs } },
    },
    {
      name: 'webgpu',
      grep: /@webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...baseArgs, ...webgpuArgs] } },
    },
  ],
});
