// A site's models/models.json lists the models it serves itself, one list per kind ("embedding",
// "reranker", "chat"). Each kind checks its own entries; reading a list, leaving out bad entries and
// repeated ids with a reason, and putting the site's models after the built-in ones is the same for all.
// Pure: no library imports (the main thread reads manifests on the first screen).

/** One entry checked: the model it describes, or why it is left out. */
export type ManifestEntryCheck<M> = { ok: true; model: M } | { ok: false; reason: string };

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number of megabytes, 0 or more. */
export const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A non-empty list of non-blank strings (language codes). */
export const isLanguageList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((l) => typeof l === 'string' && l.trim() !== '');

/**
 * The valid entries of `list` (the manifest's `section` list), in order. A bad entry or a repeated id is
 * left out, and `onRejected` hears why ("models.json, chat[2]: ...").
 */
export function parseManifestList<M extends { id: string }>(
  section: string,
  list: readonly unknown[],
  check: (entry: unknown) => ManifestEntryCheck<M>,
  onRejected?: (reason: string) => void,
): M[] {
  const models: M[] = [];
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const checked = check(entry);
    if (!checked.ok) {
      onRejected?.(`models.json, ${section}[${index}]: ${checked.reason}.`);
    } else if (seen.has(checked.model.id)) {
      onRejected?.(`models.json, ${section}[${index}]: "${checked.model.id}" is listed twice; the first one is kept.`);
    } else {
      seen.add(checked.model.id);
      models.push(checked.model);
    }
  });
  return models;
}

/**
 * The `section` list of a manifest that may lack it: none when the document is no object or has no such
 * list; a list that is not a list is reported through `onRejected` and counts as none.
 */
export function parseOptionalSection<M extends { id: string }>(
  json: unknown,
  section: string,
  check: (entry: unknown) => ManifestEntryCheck<M>,
  onRejected?: (reason: string) => void,
): M[] {
  if (!isRecord(json) || json[section] === undefined) return [];
  const list = json[section];
  if (!Array.isArray(list)) {
    onRejected?.(`"${section}" in models.json must be a list.`);
    return [];
  }
  return parseManifestList(section, list, check, onRejected);
}

/** Built-in models followed by the site's own (a site entry with a built-in id is ignored). */
export function withSiteModels<M extends { id: string }>(builtin: readonly M[], site: readonly M[]): M[] {
  const known = new Set(builtin.map((m) => m.id));
  return [...builtin, ...site.filter((m) => !known.has(m.id))];
}
