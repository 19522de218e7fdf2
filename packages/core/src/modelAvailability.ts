// Whether a model can be loaded here, from what the app knows on open: the models the site serves
// (models/), those in the browser's caches, and whether the model host answered. And which model to use
// by default: the best one that can actually load. Pure (no DOM, no network).
import { LSA_MODEL_ID } from './lsa/lsaModel';

/**
 * site: served by this site (models/); cached: in this browser's caches; downloadable: the model host
 * answered; unreachable: none of these now; checking: not known yet; builtin: part of the app, always there.
 */
export type ModelAvailability = 'site' | 'cached' | 'downloadable' | 'unreachable' | 'checking' | 'builtin';

/** Whether the model host answered the one small request sent to it. */
export type HostReach = 'checking' | 'reachable' | 'unreachable';

/** The built-in LSA embedder (core/lsa): computed in the page, never downloaded, never probed. */
export const BUILTIN_LSA_MODEL_ID = LSA_MODEL_ID;

/** What the app found out. */
export interface AvailabilityFacts {
  /** Models the site serves (listed in models/models.json, or with a models/<id>/config.json there). */
  siteIds: ReadonlySet<string>;
  /** Models whose weights are in the browser's caches. */
  cachedIds: ReadonlySet<string>;
  /** The model host (the hub, a mirror or the user's own), which every model not on the site comes from. */
  host: HostReach;
}

/** The parts of a model description that decide its availability. */
export interface AvailabilityModel {
  id: string;
  /** Served by a site only, never from the hub (test fixtures, a site's own models). */
  selfHostedOnly?: boolean;
}

/** A model's availability, or 'checking' while the site and the caches are not known yet (facts null). */
export function availabilityOf(model: AvailabilityModel, facts: AvailabilityFacts | null): ModelAvailability {
  if (model.id === BUILTIN_LSA_MODEL_ID) return 'builtin';
  if (!facts) return 'checking';
  if (facts.siteIds.has(model.id)) return 'site';
  if (facts.cachedIds.has(model.id)) return 'cached';
  if (model.selfHostedOnly) return 'unreachable'; // the hub does not have it, whatever it answers
  if (facts.host === 'checking') return 'checking';
  return facts.host === 'reachable' ? 'downloadable' : 'unreachable';
}

/** Loads with no network: served by the site or kept in this browser. */
export const isLocal = (a: ModelAvailability): boolean => a === 'site' || a === 'cached';

/**
 * The default model: the first candidate (in preference order) that the site serves or the browser
 * keeps; else, once no candidate is still being checked, the first downloadable one; else fallbackId.
 * null while the answer may still change (no local candidate, and one is still being checked). A
 * candidate missing from `availability` counts as unreachable.
 */
export function chooseDefaultModel(
  candidates: readonly string[],
  availability: Readonly<Record<string, ModelAvailability>>,
  fallbackId: string,
): string | null {
  const of = (id: string): ModelAvailability => availability[id] ?? 'unreachable';
  const local = candidates.find((id) => isLocal(of(id)));
  if (local) return local;
  if (candidates.some((id) => of(id) === 'checking')) return null;
  return candidates.find((id) => of(id) === 'downloadable') ?? fallbackId;
}

/** How much a model suits text in several languages: 'multilingual', then several languages, then one. */
function languageReach(languages: readonly string[]): number {
  if (languages.includes('multilingual')) return 2;
  return languages.length > 1 ? 1 : 0;
}

/** Embedding models in default preference order: multilingual ones first, otherwise in list order. */
export function embeddingPreferenceOrder<M extends { id: string; languages: readonly string[] }>(models: readonly M[]): M[] {
  return models
    .map((model, index) => ({ model, index }))
    .sort((a, b) => languageReach(b.model.languages) - languageReach(a.model.languages) || a.index - b.index)
    .map((x) => x.model);
}
