// Cross-origin isolation for static hosts that cannot send headers (see "Cross-origin isolation" in
// README.md). Imported by the service worker (vite.config.ts, workbox.importScripts) before Workbox: every
// page and worker script the service worker answers gets the two headers that make the page cross-origin
// isolated (SharedArrayBuffer, so ONNX Runtime's WASM runs on several threads). A host that sends them itself
// needs none of this; here a response that already carries COEP is left as it is.
(() => {
  const respondWith = FetchEvent.prototype.respondWith;
  const isolate = (response) => {
    if (!response || response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
    if (response.headers.has('Cross-Origin-Embedder-Policy')) return response;
    const headers = new Headers(response.headers);
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    // credentialless: cross-origin downloads (model hosts, CORS) still work, without cookies.
    headers.set('Cross-Origin-Embedder-Policy', 'credentialless');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
  FetchEvent.prototype.respondWith = function (answer) {
    const { mode, destination } = this.request;
    if (mode === 'navigate' || destination === 'document' || destination === 'worker' || destination === 'sharedworker') {
      return respondWith.call(this, Promise.resolve(answer).then(isolate));
    }
    return respondWith.call(this, answer);
  };
})();
