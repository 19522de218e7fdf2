// Model ids that a site's models/models.json may list (no library imports: the main thread reads manifests).

/** A hub-style id ("owner/name" or "name"): it becomes a folder path under models/, so no "..", no "//". */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;

/** Whether `id` can safely name a folder under a site's models/. */
export function isSafeModelId(id: string): boolean {
  return MODEL_ID.test(id) && !id.split('/').some((part) => part === '.' || part === '..');
}
