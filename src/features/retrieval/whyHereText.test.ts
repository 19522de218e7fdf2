// The "why here" line in both languages, for each search mode and each rank movement.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { whyHere } from '@openbook/core/retrieval/whyHere';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import type { StageRanks } from '@openbook/core/types';
import { ordinalText, whyHereText } from './whyHereText';

const translators: Record<'en' | 'zh', TFunction> = {} as Record<'en' | 'zh', TFunction>;

beforeAll(async () => {
  for (const lng of ['en', 'zh'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { en: { translation: en }, zh: { translation: zh } }, interpolation: { escapeValue: false } });
    translators[lng] = instance.t;
  }
});

const base = { candidates: 20, topK: 4, minScore: null };
const say = (lng: 'en' | 'zh', ranks: StageRanks, config: Pick<RetrievalConfig, 'mode'> & Partial<RetrievalConfig>) =>
  whyHereText(translators[lng], lng, whyHere(ranks, { ...base, ...config }));

describe('whyHereText', () => {
  it('ordinals: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd; 第 n in Chinese', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map((n) => ordinalText(translators.en, 'en', n))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
    ]);
    expect(ordinalText(translators.zh, 'zh', 3)).toBe('第 3');
  });

  it('vector search', () => {
    expect(say('en', { vector: 2 }, { mode: 'vector' })).toBe('2nd by meaning');
    expect(say('zh', { vector: 2 }, { mode: 'vector' })).toBe('按语义排第 2');
  });

  it('keyword search', () => {
    expect(say('en', { keyword: 1 }, { mode: 'keyword' })).toBe('1st by keywords');
    expect(say('zh', { keyword: 1 }, { mode: 'keyword' })).toBe('按关键词排第 1');
  });

  it('hybrid search, and a chunk one search missed', () => {
    expect(say('en', { vector: 3, keyword: 1, fused: 1 }, { mode: 'hybrid' })).toBe('3rd by meaning, 1st by keywords → 1st after fusion');
    expect(say('zh', { vector: 3, keyword: 1, fused: 1 }, { mode: 'hybrid' })).toBe('按语义排第 3，按关键词排第 1 → 融合后排第 1');
    expect(say('en', { vector: 2, fused: 4 }, { mode: 'hybrid' })).toBe('2nd by meaning, not in the top 20 by keywords → 4th after fusion');
    expect(say('zh', { vector: 2, fused: 4 }, { mode: 'hybrid' })).toBe('按语义排第 2，按关键词不在前 20 名 → 融合后排第 4');
  });

  it('reranking: up, down, unchanged (one place and several)', () => {
    expect(say('en', { vector: 3, keyword: 1, fused: 3, rerank: 1 }, { mode: 'hybrid' })).toBe(
      '3rd by meaning, 1st by keywords → 3rd after fusion → moved up 2 places by reranking, to 1st',
    );
    expect(say('zh', { vector: 3, keyword: 1, fused: 3, rerank: 1 }, { mode: 'hybrid' })).toBe(
      '按语义排第 3，按关键词排第 1 → 融合后排第 3 → 重排序后上升 2 位，排第 1',
    );
    expect(say('en', { vector: 1, rerank: 2 }, { mode: 'vector' })).toBe('1st by meaning → moved down 1 place by reranking, to 2nd');
    expect(say('zh', { vector: 1, rerank: 2 }, { mode: 'vector' })).toBe('按语义排第 1 → 重排序后下降 1 位，排第 2');
    expect(say('en', { keyword: 2, rerank: 2 }, { mode: 'keyword' })).toBe('2nd by keywords → stayed 2nd after reranking');
    expect(say('zh', { keyword: 2, rerank: 2 }, { mode: 'keyword' })).toBe('按关键词排第 2 → 重排序后仍排第 2');
  });

  it('MMR, after reranking or alone', () => {
    expect(say('en', { vector: 1, rerank: 3, mmr: 2 }, { mode: 'vector' })).toBe(
      '1st by meaning → moved down 2 places by reranking, to 3rd → moved up 1 place by MMR (diversity), to 2nd',
    );
    expect(say('zh', { vector: 1, rerank: 3, mmr: 2 }, { mode: 'vector' })).toBe(
      '按语义排第 1 → 重排序后下降 2 位，排第 3 → MMR（多样性）使它上升 1 位，排第 2',
    );
    expect(say('en', { keyword: 4, mmr: 4 }, { mode: 'keyword' })).toBe('4th by keywords → stayed 4th after MMR (diversity)');
    expect(say('zh', { keyword: 4, mmr: 4 }, { mode: 'keyword' })).toBe('按关键词排第 4 → MMR（多样性）之后仍排第 4');
  });

  it('a score threshold', () => {
    expect(say('en', { vector: 1 }, { mode: 'vector', minScore: 0.25 })).toBe('1st by meaning; its score passes the threshold (0.25)');
    expect(say('zh', { vector: 1 }, { mode: 'vector', minScore: 0.25 })).toBe('按语义排第 1；分数达到阈值（0.25）');
  });
});
