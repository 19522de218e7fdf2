// A minimal static server for the browser benchmarks: a build folder at /, and an extra folder at /models/
// (the generated benchmark models, never part of a build), with or without the cross-origin isolation headers
// (COOP/COEP: with them ONNX Runtime's WASM runs on several threads, without them on one).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/** Serve `root` (and `models` under /models/) on `port`; `isolated` adds COOP/COEP to every answer. */
export async function serveStatic(root: string, port: number, options: { models?: string; isolated: boolean }): Promise<StaticSite> {
  const rootDir = resolve(root);
  const modelsDir = options.models ? resolve(options.models) : null;
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const [base, rest] = modelsDir && path.startsWith('/models/') ? [modelsDir, path.slice('/models/'.length)] : [rootDir, path.slice(1)];
    let file = normalize(join(base, rest));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string | number> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
    };
    if (options.isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'credentialless';
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, 'localhost', () => done());
  });
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
