// A model's availability from what the app found out, the default model, and the embedding preference order.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_LSA_MODEL_ID,
  availabilityOf,
  chooseDefaultModel,
  embeddingPreferenceOrder,
  type AvailabilityFacts,
  type ModelAvailability,
} from './modelAvailability';

const facts = (over: Partial<AvailabilityFacts> = {}): AvailabilityFacts => ({
  siteIds: new Set(),
  cachedIds: new Set(),
  host: 'reachable',
  ...over,
});

describe('availabilityOf', () => {
  it('is built in for the LSA embedder, whatever is known', () => {
    expect(availabilityOf({ id: BUILTIN_LSA_MODEL_ID }, null)).toBe('builtin');
    expect(availabilityOf({ id: BUILTIN_LSA_MODEL_ID }, facts({ host: 'unreachable' }))).toBe('builtin');
  });

  it('is checking until the site and the caches are known', () => {
    expect(availabilityOf({ id: 'a/b' }, null)).toBe('checking');
  });

  it('prefers the site, then the cache, then the host', () => {
    const known = facts({ siteIds: new Set(['a/site']), cachedIds: new Set(['a/site', 'a/cached']), host: 'unreachable' });
    expect(availabilityOf({ id: 'a/site' }, known)).toBe('site');
    expect(availabilityOf({ id: 'a/cached' }, known)).toBe('cached');
    expect(availabilityOf({ id: 'a/other' }, known)).toBe('unreachable');
    expect(availabilityOf({ id: 'a/other' }, facts({ host: 'reachable' }))).toBe('downloadable');
    expect(availabilityOf({ id: 'a/other' }, facts({ host: 'checking' }))).toBe('checking');
  });

  it('never calls a self-hosted-only model downloadable: the hub does not have it', () => {
    expect(availabilityOf({ id: 'a/own', selfHostedOnly: true }, facts({ host: 'reachable' }))).toBe('unreachable');
    expect(availabilityOf({ id: 'a/own', selfHostedOnly: true }, facts({ host: 'checking' }))).toBe('unreachable');
    expect(availabilityOf({ id: 'a/own', selfHostedOnly: true }, facts({ cachedIds: new Set(['a/own']) }))).toBe('cached');
  });
});

describe('chooseDefaultModel', () => {
  const map = (entries: Record<string, ModelAvailability>) => entries;

  it('takes the first candidate served by the site or kept in the browser, even while the host is checked', () => {
    const availability = map({ 'm/a': 'checking', 'm/b': 'cached', 'm/c': 'site' });
    expect(chooseDefaultModel(['m/a', 'm/b', 'm/c'], availability, 'fallback')).toBe('m/b');
    expect(chooseDefaultModel(['m/c', 'm/b'], availability, 'fallback')).toBe('m/c');
  });

  it('takes the first downloadable candidate when none is local', () => {
    const availability = map({ 'm/a': 'unreachable', 'm/b': 'downloadable', 'm/c': 'downloadable' });
    expect(chooseDefaultModel(['m/a', 'm/b', 'm/c'], availability, 'fallback')).toBe('m/b');
  });

  it('is undecided while a candidate is still being checked and none is local', () => {
    expect(chooseDefaultModel(['m/a', 'm/b'], map({ 'm/a': 'downloadable', 'm/b': 'checking' }), 'fallback')).toBeNull();
  });

  it('falls back when nothing can load, and counts an unknown candidate as unreachable', () => {
    expect(chooseDefaultModel(['m/a', 'm/b'], map({ 'm/a': 'unreachable' }), 'fallback')).toBe('fallback');
    expect(chooseDefaultModel([], {}, 'fallback')).toBe('fallback');
  });
});

describe('embeddingPreferenceOrder', () => {
  it('puts multilingual models first, then models of several languages, keeping list order otherwise', () => {
    const models = [
      { id: 'en-1', languages: ['en'] },
      { id: 'en-zh', languages: ['en', 'zh'] },
      { id: 'multi', languages: ['multilingual'] },
      { id: 'en-2', languages: ['en'] },
    ];
    expect(embeddingPreferenceOrder(models).map((m) => m.id)).toEqual(['multi', 'en-zh', 'en-1', 'en-2']);
  });
});
