// Let queued messages (a cancel or an interrupt arriving through Comlink) run. ONNX Runtime on wasm
// never yields by itself, in a page or in a worker; a MessageChannel round trip does (scheduler.yield()
// does not).
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
