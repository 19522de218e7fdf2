// An OpenAI-compatible endpoint's base URL, checked. Its own module: the store checks the address on the
// first screen, and the engine itself is imported only when used.

/** A base URL that can be used: http(s), without a trailing slash; null when it is not one. */
export function normaliseBaseUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.search || url.hash) return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
