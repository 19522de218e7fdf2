// Benchmark (not a test: `npm run bench:browser`): for the tiny fixture chat model on WASM, the time from
// pressing Ask to the answer's first token, split into query embedding, search, prompt building and
// generation, as the app records it (the figures under the answer). Writes bench-results-browser.json.
import { writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { addFiles, chooseEngine, embed, loadFixtureChatModel, openApp } from './steps';

const RUNS = 12;
const WARMUP = 2;
const QUESTIONS = ['How hot is lava?', 'What is magma?', 'How is green tea made?', 'Where do volcanoes form?'];
const STAGES = ['total', 'embed', 'search', 'prompt', 'generation', 'other', 'outside'] as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

test('time from Ask to the first token, by stage (tiny chat model, WASM)', async ({ page }) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  const samples: Record<(typeof STAGES)[number], number[]> = { total: [], embed: [], search: [], prompt: [], generation: [], other: [], outside: [] };
  for (let i = 0; i < RUNS + WARMUP; i++) {
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill(`${QUESTIONS[i % QUESTIONS.length]} (${i})`);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const timings = page.getByTestId('ask-timings');
    await expect(timings).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Generate answer' })).toBeEnabled({ timeout: 60_000 });
    if (i < WARMUP) continue;
    for (const stage of STAGES) samples[stage].push(Number(await timings.getAttribute(`data-${stage}`)));
  }

  const records = STAGES.map((stage) => ({
    suite: 'ask-latency',
    case: 'tiny-chat wasm, 2 documents, k=4',
    n: RUNS,
    dim: 0,
    metric: `${stage} p50`,
    value: Math.round(median(samples[stage]) * 10) / 10,
    unit: 'ms',
  }));
  console.table(records.map(({ metric, value, unit }) => ({ metric, value, unit })));
  writeFileSync('bench-results-browser.json', `${JSON.stringify(records, null, 2)}\n`);
});
