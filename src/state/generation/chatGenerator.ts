// The one chat generator the app holds at a time, created for an engine on first use. The adapters are
// imported lazily: WebLLM's library and transformers.js' worker stay off the first screen. The endpoint
// engine is created anew for each load, since its address and key may have changed.
import type { Generator, GpuCapabilities } from '../../adapters/generator/generator';
import type { TransformersChatModelInfo } from '../../adapters/generator/transformersChatModels';
import type { GenerationEngine } from './generationEngines';

let current: { engine: GenerationEngine; generator: Generator } | null = null;

/** The generator for `engine`, releasing another engine's generator (and its model) first. */
export async function generatorFor(
  engine: GenerationEngine,
  caps: GpuCapabilities,
  findModel: (id: string) => TransformersChatModelInfo | undefined,
  endpoint?: { baseUrl: string; apiKey: string },
): Promise<Generator> {
  if (current?.engine === engine && engine !== 'openai') return current.generator;
  await releaseGenerator();
  let generator: Generator;
  if (engine === 'openai') {
    const { OpenAIGenerator } = await import('../../adapters/generator/openaiGenerator');
    generator = new OpenAIGenerator({ baseUrl: endpoint?.baseUrl ?? '', apiKey: endpoint?.apiKey ?? '' });
  } else if (engine === 'webllm') {
    const { WebLLMGenerator } = await import('../../adapters/generator/webllmGenerator');
    generator = new WebLLMGenerator();
  } else {
    const { TransformersGenerator } = await import('../../adapters/generator/transformersGenerator');
    generator = new TransformersGenerator({
      // Automatic sets the device before each load (chatDeviceTrial.ts); WASM until it does.
      device: engine === 'transformers-webgpu' ? 'webgpu' : 'wasm',
      shaderF16: caps.shaderF16,
      basePath: import.meta.env.BASE_URL,
      findModel,
    });
  }
  current = { engine, generator };
  return generator;
}

/** The generator in use, if any. */
export function currentGenerator(): Generator | null {
  return current?.generator ?? null;
}

/** Unload the model and forget the generator. Never throws. */
export async function releaseGenerator(): Promise<void> {
  const held = current;
  current = null;
  if (held) await held.generator.unload().catch(() => undefined);
}
