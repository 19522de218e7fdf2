// pdf.js ships no types for its worker module; only WorkerMessageHandler is used (by pdf.js itself).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
