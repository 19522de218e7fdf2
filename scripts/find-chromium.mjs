// Finds a Chromium for the e2e tests: $OPENBOOK_CHROMIUM, then the system's Chromium or Chrome, then
// Playwright's own download. Prints what to install when there is none.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium() {
  const fromEnv = process.env.OPENBOOK_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`OPENBOOK_CHROMIUM is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  return SYSTEM_BROWSERS.find((p) => existsSync(p)) ?? playwrightChromium();
}

export const INSTALL_HELP = `No Chromium found for the end-to-end tests. Install one of:
  - Debian/Ubuntu:  sudo apt-get install -y chromium
  - any system:     npx playwright install chromium
or point OPENBOOK_CHROMIUM at a Chromium or Chrome executable.`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (!found) {
    console.error(INSTALL_HELP);
    process.exit(1);
  }
  console.log(found);
}
