import { describe, expect, it } from 'vitest';
import { defaultConfiguration, isDefaultConfiguration } from './configuration';
import { previousTurnOf, queryCacheKey, sanitizeEvalQueryTransform } from './queryTransformDimension';

describe('query transformation in evaluation configurations', () => {
  it('keeps a valid transform, bounds the rewrites, and turns anything else off', () => {
    expect(sanitizeEvalQueryTransform({ mode: 'multi', rewrites: 4 })).toEqual({ mode: 'multi', rewrites: 4 });
    expect(sanitizeEvalQueryTransform({ mode: 'hyde', rewrites: 99 })).toEqual({ mode: 'hyde', rewrites: 8 });
    expect(sanitizeEvalQueryTransform({ mode: 'standalone', rewrites: 'x' })).toEqual({ mode: 'standalone', rewrites: 3 });
    expect(sanitizeEvalQueryTransform({ mode: 'multi', rewrites: 0 })).toEqual({ mode: 'multi', rewrites: 1 });
    expect(sanitizeEvalQueryTransform({ mode: 'none', rewrites: 3 })).toBeNull();
    expect(sanitizeEvalQueryTransform(null)).toBeNull();
    expect(sanitizeEvalQueryTransform('multi')).toBeNull();
  });

  it('a configuration with one is not the default', () => {
    expect(isDefaultConfiguration({ ...defaultConfiguration('a'), queryTransform: null })).toBe(true);
    expect(isDefaultConfiguration({ ...defaultConfiguration('a'), queryTransform: { mode: 'hyde', rewrites: 3 } })).toBe(false);
  });

  it('reads the set as a conversation for the standalone rewrite', () => {
    const qs = [{ question: 'How hot is lava?' }, { question: 'And tea?' }];
    expect(previousTurnOf(qs, 0)).toBeNull();
    expect(previousTurnOf(qs, 1)).toEqual({ question: 'How hot is lava?', answer: '' });
  });

  it('keeps queries per model, mode, number of rewrites (multi only), previous turn and question', () => {
    const k = (t: Parameters<typeof queryCacheKey>[1], model = 'm', prev: { question: string } | null = null) => queryCacheKey(model, t, 'q', prev);
    expect(k({ mode: 'hyde', rewrites: 3 })).toBe(k({ mode: 'hyde', rewrites: 5 }));
    expect(k({ mode: 'multi', rewrites: 3 })).not.toBe(k({ mode: 'multi', rewrites: 5 }));
    expect(k({ mode: 'multi', rewrites: 3 })).not.toBe(k({ mode: 'hyde', rewrites: 3 }));
    expect(k({ mode: 'hyde', rewrites: 3 }, 'other')).not.toBe(k({ mode: 'hyde', rewrites: 3 }));
    expect(k({ mode: 'standalone', rewrites: 1 }, 'm', { question: 'a' })).not.toBe(k({ mode: 'standalone', rewrites: 1 }, 'm', { question: 'b' }));
  });
});
