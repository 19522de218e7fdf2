// `npm run bench:browser`: the in-browser benchmarks (e2e/*.bench.ts), on WASM, apart from `npm test`.
import base from './playwright.config';

export default {
  ...base,
  testMatch: '**/*.bench.ts',
  timeout: 600_000,
  projects: base.projects?.filter((p) => p.name === 'wasm').map((p) => ({ ...p, grepInvert: undefined })),
};
