// A site may serve models itself and list them in models/models.json (see README): embedding models under
// "embedding", chat models for the transformers.js engine under "chat". Fetched once per page.

let pending: Promise<unknown> | null = null;

/** The parsed models/models.json, or null where the site has none. Rejects when it is there but unreadable. */
export function fetchSiteManifest(): Promise<unknown> {
  pending ??= (async () => {
    const res = await fetch(`${import.meta.env.BASE_URL}models/models.json`);
    if (!res.ok) return null;
    return (await res.json()) as unknown;
  })();
  return pending;
}
