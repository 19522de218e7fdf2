// The content hash of a document: SHA-256 of its original bytes, as lowercase hex. Web Crypto exists in
// browsers, workers and Node 20+, and hashes off the main thread.
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
