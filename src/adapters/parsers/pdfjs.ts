// Loading pdf.js (legacy build: runs in Node and in every browser) without a worker of its own: the
// parser already runs in a Web Worker, so pdf.js uses its in-thread "fake worker", whose code is bundled
// with ours and handed over through globalThis.pdfjsWorker. Nothing is fetched from anywhere else.
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | null = null;

export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}
