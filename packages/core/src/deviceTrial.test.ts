import { describe, expect, it } from 'vitest';
import {
  CHAT_TRIAL_NEW_TOKENS,
  chatTrialMessages,
  chatTrialTokens,
  devicesToMeasure,
  pickMeasuredDevice,
  readRememberedTrial,
  rememberTrial,
  textsPerSecond,
  trialRate,
  TRIAL_TEXTS,
} from './deviceTrial';

const GPU = { webgpu: true, adapter: true, software: false };
const SOFTWARE = { webgpu: true, adapter: true, software: true };
const NONE = { webgpu: true, adapter: false, software: false };

describe('devicesToMeasure', () => {
  it('measures both devices where WebGPU has an adapter (a software one too, to show its figure), none where WASM is the only choice', () => {
    expect(devicesToMeasure(GPU)).toEqual(['webgpu', 'wasm']);
    expect(devicesToMeasure(SOFTWARE)).toEqual(['webgpu', 'wasm']);
    expect(devicesToMeasure(NONE)).toEqual([]);
    expect(devicesToMeasure({ webgpu: false, adapter: false, software: false })).toEqual([]);
  });
});

describe('pickMeasuredDevice', () => {
  it('picks the faster device on a real GPU', () => {
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: 310 },
          { device: 'wasm', textsPerSecond: 95 },
        ],
        GPU,
      ),
    ).toMatchObject({ device: 'webgpu', reason: 'faster' });
    // An integrated GPU slower than a fast CPU: WASM.
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: 40 },
          { device: 'wasm', textsPerSecond: 95 },
        ],
        GPU,
      ),
    ).toMatchObject({ device: 'wasm', reason: 'faster' });
  });

  it('never picks a software adapter over WASM, even when it measured faster', () => {
    const trials = [
      { device: 'webgpu' as const, textsPerSecond: 500 },
      { device: 'wasm' as const, textsPerSecond: 100 },
    ];
    expect(pickMeasuredDevice(trials, SOFTWARE)).toEqual({ device: 'wasm', reason: 'software-gpu', trials });
  });

  it('never picks a device whose trial failed', () => {
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: null },
          { device: 'wasm', textsPerSecond: 80 },
        ],
        GPU,
      ),
    ).toMatchObject({ device: 'wasm', reason: 'other-failed' });
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: 200 },
          { device: 'wasm', textsPerSecond: null },
        ],
        GPU,
      ),
    ).toMatchObject({ device: 'webgpu', reason: 'other-failed' });
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: 200 },
          { device: 'wasm', textsPerSecond: null },
        ],
        SOFTWARE,
      ),
    ).toMatchObject({ device: 'wasm' });
  });

  it('a tie goes to WASM (no GPU memory used)', () => {
    expect(
      pickMeasuredDevice(
        [
          { device: 'webgpu', textsPerSecond: 100 },
          { device: 'wasm', textsPerSecond: 100 },
        ],
        GPU,
      ).device,
    ).toBe('wasm');
  });
});

describe('remembered trials', () => {
  const trials = [
    { device: 'webgpu' as const, textsPerSecond: 12.5 },
    { device: 'wasm' as const, textsPerSecond: 240 },
  ];
  const stored = () => JSON.parse(JSON.stringify(rememberTrial('Xenova/all-MiniLM-L6-v2', 'Chrome 156 / google swiftshader', trials, 1_700_000_000_000)));

  it('are read back for the same model and browser', () => {
    expect(readRememberedTrial(stored(), 'Xenova/all-MiniLM-L6-v2', 'Chrome 156 / google swiftshader', ['webgpu', 'wasm'])).toEqual(trials);
  });

  it('are not used for another model, another browser or GPU, another version, or when a device is missing', () => {
    expect(readRememberedTrial(stored(), 'Xenova/multilingual-e5-small', 'Chrome 156 / google swiftshader', ['webgpu', 'wasm'])).toBeNull();
    expect(readRememberedTrial(stored(), 'Xenova/all-MiniLM-L6-v2', 'Chrome 156 / nvidia', ['webgpu', 'wasm'])).toBeNull();
    expect(readRememberedTrial({ ...stored(), version: 2 }, 'Xenova/all-MiniLM-L6-v2', 'Chrome 156 / google swiftshader', ['webgpu', 'wasm'])).toBeNull();
    const onlyWasm = { ...stored(), trials: [{ device: 'wasm', textsPerSecond: 240 }] };
    expect(readRememberedTrial(onlyWasm, 'Xenova/all-MiniLM-L6-v2', 'Chrome 156 / google swiftshader', ['webgpu', 'wasm'])).toBeNull();
  });

  it('are not used when tampered with or unreadable', () => {
    for (const bad of [
      null,
      'x',
      42,
      { ...stored(), trials: [{ device: 'cuda', textsPerSecond: 1 }] },
      { ...stored(), trials: [{ device: 'wasm', textsPerSecond: -3 }] },
    ]) {
      expect(readRememberedTrial(bad, 'Xenova/all-MiniLM-L6-v2', 'Chrome 156 / google swiftshader', ['wasm'])).toBeNull();
    }
  });
});

describe('the trial', () => {
  it('has texts in both languages and finite rates', () => {
    expect(TRIAL_TEXTS.some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(TRIAL_TEXTS.length).toBeGreaterThanOrEqual(8);
    expect(textsPerSecond(16, 200)).toBe(80);
    expect(Number.isFinite(textsPerSecond(16, 0))).toBe(true);
  });
});

describe("the chat engine's trial", () => {
  it('is a prompt shaped like the app’s: instructions, every trial passage numbered (English and Chinese), a question', () => {
    const [message, ...rest] = chatTrialMessages();
    expect(rest).toEqual([]);
    expect(message!.role).toBe('user');
    TRIAL_TEXTS.forEach((text, i) => expect(message!.content).toContain(`[${i + 1}] ${text}`));
    expect(message!.content).toMatch(/[\u4e00-\u9fff]/);
    expect(message!.content).toMatch(/Question: .+\?$/);
    expect(CHAT_TRIAL_NEW_TOKENS).toBeGreaterThan(1);
  });

  it('counts the prompt’s tokens and those written, over the timed passes', () => {
    expect(chatTrialTokens(300, 8)).toBe(308);
    expect(chatTrialTokens(null, 8)).toBe(8);
    expect(chatTrialTokens(300, null)).toBe(300);
    expect(trialRate({ items: 2 * 308, ms: 4000 })).toBe(154);
    expect(Number.isFinite(trialRate({ items: 10, ms: 0 }))).toBe(true);
  });

  it('decides by the same rules: the faster in tokens/s on a real GPU; WASM over a software adapter; never a device that failed', () => {
    const tokens = (webgpu: number | null, wasm: number | null) => [
      { device: 'webgpu' as const, textsPerSecond: webgpu },
      { device: 'wasm' as const, textsPerSecond: wasm },
    ];
    expect(pickMeasuredDevice(tokens(420, 95), GPU)).toMatchObject({ device: 'webgpu', reason: 'faster' });
    expect(pickMeasuredDevice(tokens(60, 95), GPU)).toMatchObject({ device: 'wasm', reason: 'faster' });
    expect(pickMeasuredDevice(tokens(420, 95), SOFTWARE)).toMatchObject({ device: 'wasm', reason: 'software-gpu' });
    expect(pickMeasuredDevice(tokens(null, 95), GPU)).toMatchObject({ device: 'wasm', reason: 'other-failed' });
    expect(pickMeasuredDevice(tokens(420, null), GPU)).toMatchObject({ device: 'webgpu', reason: 'other-failed' });
    expect(pickMeasuredDevice(tokens(420, null), SOFTWARE)).toMatchObject({ device: 'wasm', reason: 'other-failed' });
  });
});
