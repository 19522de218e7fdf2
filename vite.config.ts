import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import wasm from 'vite-plugin-wasm';

// BASE_PATH lets the static site live under a sub-path (e.g. BASE_PATH=/openbook/ npm run build).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  // 'mpa' makes a missing file a real 404 instead of index.html: transformers.js would otherwise
  // parse HTML as a model file (and could cache it).
  appType: 'mpa',
  plugins: [react(), wasm()],
  worker: { format: 'es', plugins: () => [wasm()] },
  optimizeDeps: { exclude: ['voy-search', '@huggingface/transformers', 'onnxruntime-web'] },
  build: { target: 'esnext', chunkSizeWarningLimit: 8000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
