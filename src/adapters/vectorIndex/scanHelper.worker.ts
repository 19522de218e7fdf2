// Stage 1's helper thread in the browser (started by vectorIndex.worker.ts once the exact index is big
// enough): one message { module, memory, control } (the int8 kernel module, its shared memory, the control
// block), then runScanHelper takes its share of every search's rows until the index stops it (scanThreads.ts).
// The loop blocks this worker for good (Atomics.wait); it needs no event loop after the message.
import { runScanHelper } from './scanThreads';

self.onmessage = (event: MessageEvent<{ module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer }>) => {
  const { module, memory, control } = event.data;
  runScanHelper(module, memory, control);
};
