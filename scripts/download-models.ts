// `npm run models -- <model ids…>`: download models into the site's own models folder (public/models/ by
// default, so `npm run build` ships them in dist/models/), for a site that serves its models itself or a
// classroom without internet (copy the folder to a USB stick, then "Import a model folder" in the app).
//
//   npm run models -- Xenova/multilingual-e5-small onnx-community/Qwen2.5-0.5B-Instruct
//   npm run models -- --list
//   Options: --host <url> (default $HF_ENDPOINT or https://huggingface.co), --out <folder> (default
//   public/models), --no-webgpu (only the WASM weights), --revision <branch> (default main).
//
// For each model it fetches what transformers.js loads: config.json, tokenizer.json, tokenizer_config.json
// (and generation_config.json for chat models, where the hub has it), the WASM weights (embedding:
// onnx/model_quantized.onnx, q8; chat: the model's dtype, e.g. onnx/model_q4.onnx) and the WebGPU weights
// (embedding: onnx/model.onnx, fp32; chat: e.g. onnx/model_q4f16.onnx). Then it adds the models to
// <out>/models.json. WebLLM models are not packed: WebLLM downloads them itself (from the hub or a mirror).
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { BUILTIN_EMBEDDING_MODELS } from '../src/adapters/embedder/embeddingModels';
import type { EmbeddingModelInfo } from '../src/adapters/embedder/embedder';
import { TRANSFORMERS_CHAT_MODELS, type TransformersChatModelInfo, type TransformersDtype } from '../src/adapters/generator/transformersChatModels';

export type PackModel = { kind: 'embedding'; info: EmbeddingModelInfo } | { kind: 'chat'; info: TransformersChatModelInfo };

/** One file of a model: its path in the model's folder, and whether the model cannot load without it. */
export interface PackFile {
  path: string;
  required: boolean;
}

/** The weights file transformers.js loads for a dtype. */
export function weightsFile(dtype: Exclude<TransformersDtype, 'auto'>): string {
  const suffix: Record<Exclude<TransformersDtype, 'auto'>, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4', q4f16: '_q4f16' };
  return `onnx/model${suffix[dtype]}.onnx`;
}

/** The files of a model, for WASM and (unless webgpu is false) for WebGPU. */
export function packFiles(model: PackModel, webgpu: boolean): PackFile[] {
  const files: PackFile[] = [
    { path: 'config.json', required: true },
    { path: 'tokenizer.json', required: true },
    { path: 'tokenizer_config.json', required: true },
  ];
  const weights = new Set<string>();
  if (model.kind === 'embedding') {
    weights.add(weightsFile('q8')); // transformers.js' default on wasm
    if (webgpu) weights.add(weightsFile('fp32')); // and on webgpu
  } else {
    files.push({ path: 'generation_config.json', required: false });
    const { dtype, f16Dtype } = model.info;
    weights.add(weightsFile(dtype === 'auto' ? 'q8' : dtype));
    if (webgpu && f16Dtype && f16Dtype !== 'auto') weights.add(weightsFile(f16Dtype));
  }
  for (const path of weights) files.push({ path, required: true });
  return files;
}

/** The models the app knows, by id. */
export function catalogue(): Map<string, PackModel> {
  const models = new Map<string, PackModel>();
  for (const info of BUILTIN_EMBEDDING_MODELS) models.set(info.id, { kind: 'embedding', info });
  for (const info of TRANSFORMERS_CHAT_MODELS) models.set(info.id, { kind: 'chat', info });
  return models;
}

export class ModelPackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelPackError';
  }
}

export interface DownloadOptions {
  ids: string[];
  /** Hub or mirror, e.g. https://huggingface.co; files are fetched from <host>/<id>/resolve/<revision>/<path>. */
  host: string;
  out: string;
  webgpu: boolean;
  revision?: string;
  /** Models known besides the built-in ones (tests). */
  extraModels?: PackModel[];
  fetchFn?: typeof fetch;
  log?: (line: string) => void;
  /** Progress of the file being downloaded. */
  onProgress?: (file: string, loaded: number, total: number | null) => void;
}

export interface DownloadedModel {
  id: string;
  files: { path: string; bytes: number }[];
  skipped: string[];
}

const MB = 1024 * 1024;

/** Download one file to `target` (through a .part file, so an interrupted download leaves no broken file). */
async function downloadFile(url: string, target: string, file: string, options: DownloadOptions): Promise<number | null> {
  const fetchFn = options.fetchFn ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ModelPackError(
      `Could not reach ${new URL(url).origin} for ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check the network, or use --host / HF_ENDPOINT for a mirror.`,
    );
  }
  if (response.status === 404) return null;
  if (response.status === 401 || response.status === 403) {
    throw new ModelPackError(
      `${url} answered ${response.status}: the model is gated or private on this host (log in and accept its licence, or use another mirror).`,
    );
  }
  if (!response.ok || !response.body) throw new ModelPackError(`${url} answered ${response.status} ${response.statusText}.`);
  const total = Number(response.headers.get('content-length')) || null;
  mkdirSync(dirname(target), { recursive: true });
  const part = `${target}.part`;
  let loaded = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      loaded += chunk.length;
      options.onProgress?.(file, loaded, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), count, createWriteStream(part));
  } catch (error) {
    rmSync(part, { force: true });
    throw new ModelPackError(`The download of ${url} broke off after ${loaded} bytes: ${(error as Error).message}`);
  }
  if (total !== null && loaded !== total) {
    rmSync(part, { force: true });
    throw new ModelPackError(`The download of ${url} is incomplete: ${loaded} of ${total} bytes.`);
  }
  renameSync(part, target);
  return loaded;
}

/** Add (or replace) the models' entries in <out>/models.json, keeping everything else in it. */
export function updateManifest(out: string, models: PackModel[]): string {
  const path = join(out, 'models.json');
  let manifest: { embedding?: unknown[]; chat?: unknown[]; [key: string]: unknown } = {};
  if (existsSync(path)) {
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as typeof manifest;
    } catch (error) {
      throw new ModelPackError(`${path} is not valid JSON (${(error as Error).message}); fix or remove it first.`);
    }
  }
  for (const model of models) {
    const key = model.kind === 'embedding' ? 'embedding' : 'chat';
    const list = (Array.isArray(manifest[key]) ? manifest[key] : []).filter((e) => (e as { id?: unknown }).id !== model.info.id);
    list.push({ ...model.info });
    manifest[key] = list;
  }
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

/** Download the models into <out>/<id>/ and list them in <out>/models.json. */
export async function downloadModels(options: DownloadOptions): Promise<DownloadedModel[]> {
  const log = options.log ?? (() => undefined);
  const known = catalogue();
  for (const m of options.extraModels ?? []) known.set(m.info.id, m);
  const unknown = options.ids.filter((id) => !known.has(id));
  if (options.ids.length === 0) throw new ModelPackError('Name at least one model id (npm run models -- --list shows them).');
  if (unknown.length > 0) {
    throw new ModelPackError(`Unknown model id: ${unknown.join(', ')}. Known: ${[...known.keys()].join(', ')}.`);
  }
  const host = options.host.replace(/\/+$/, '');
  const revision = options.revision ?? 'main';
  const done: DownloadedModel[] = [];
  for (const id of options.ids) {
    const model = known.get(id)!;
    const result: DownloadedModel = { id, files: [], skipped: [] };
    log(`${id} (${model.kind === 'embedding' ? 'embedding model' : 'chat model, transformers.js'})`);
    for (const file of packFiles(model, options.webgpu)) {
      const url = `${host}/${id}/resolve/${encodeURIComponent(revision)}/${file.path}`;
      const bytes = await downloadFile(url, join(options.out, id, file.path), file.path, options);
      if (bytes === null) {
        if (file.required) throw new ModelPackError(`${url} was not found (404): ${id} has no ${file.path} on this host.`);
        result.skipped.push(file.path);
        continue;
      }
      result.files.push({ path: file.path, bytes });
      log(`  ${file.path}  ${(bytes / MB).toFixed(1)} MB`);
    }
    done.push(result);
  }
  const manifest = updateManifest(
    options.out,
    options.ids.map((id) => known.get(id)!),
  );
  log(`Listed in ${manifest}.`);
  return done;
}

/** Parse the command line. */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): Omit<DownloadOptions, 'log' | 'onProgress'> & { list: boolean } {
  const options = { ids: [] as string[], host: env.HF_ENDPOINT || 'https://huggingface.co', out: 'public/models', webgpu: true, revision: 'main', list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new ModelPackError(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--host') options.host = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--revision') options.revision = value();
    else if (arg === '--no-webgpu') options.webgpu = false;
    else if (arg === '--list') options.list = true;
    else if (arg.startsWith('--')) throw new ModelPackError(`Unknown option ${arg}.`);
    else options.ids.push(arg);
  }
  return options;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), process.env);
  if (args.list) {
    for (const [id, m] of catalogue()) console.log(`${id}  (${m.kind})`);
    return;
  }
  let last = 0;
  await downloadModels({
    ...args,
    out: resolve(args.out),
    log: (line) => console.log(line),
    onProgress: (file, loaded, total) => {
      const now = Date.now();
      if (now - last < 500 && loaded !== total) return;
      last = now;
      const of = total ? ` of ${(total / MB).toFixed(1)} MB (${Math.round((100 * loaded) / total)}%)` : '';
      process.stderr.write(`    ${file}: ${(loaded / MB).toFixed(1)} MB${of}\r`);
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ModelPackError ? `\n${error.message}` : error);
    process.exit(1);
  });
}
