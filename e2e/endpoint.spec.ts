// The OpenAI-compatible endpoint engine against a small local server that speaks the streaming protocol
// (scripts/openaiTestServer.ts, started here on a free localhost port: the network guard allows localhost).
import { test as base, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, openApp } from './steps';
import { readFile } from 'node:fs/promises';
import {
  TEST_SERVER_ANSWER,
  TEST_SERVER_ANSWER_CHUNKS,
  TEST_SERVER_FAIL_MESSAGE,
  TEST_SERVER_MODELS,
  startOpenAITestServer,
  type TestServer,
} from '../scripts/openaiTestServer';

const test = base.extend<{ server: TestServer }>({
  server: async ({}, use) => {
    const server = await startOpenAITestServer();
    await use(server);
    await server.close();
  },
});

const ENGINE = 'OpenAI-compatible endpoint (your own server)';
/** The test server's answer as rendered: Markdown (bold), citations as buttons. */
const RENDERED = 'Lava is 1200 °C hot [1]. It flows from volcanoes [2].';

test('a streamed answer from a local OpenAI-compatible server; an HTTP error, a dropped connection, CORS and a refused connection each explained', async ({
  page,
  server,
}) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');

  await chooseEngine(page, ENGINE);
  await expect(page.getByTestId('endpoint-note')).toContainText('including the text of your documents, is sent to the server');
  // Choosing the engine sends nothing.
  expect(server.requests).toEqual([]);

  await page.getByLabel('Endpoint base URL').fill(server.baseUrl);
  await page.getByRole('button', { name: 'List models' }).click();
  const model = page.getByLabel('Model name');
  await expect(model.locator('option')).toHaveText(['Choose a model', ...TEST_SERVER_MODELS]);
  await model.selectOption('echo');
  await page.getByLabel('API key (optional)').fill('sk-local');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('chat-in-use')).toHaveText(`Loaded on ${ENGINE}`);

  await page.getByRole('button', { name: 'Generate answer' }).click();
  const answer = page.getByTestId('answer-text');
  await expect(answer).toHaveText(RENDERED);
  await expect(answer.locator('strong')).toHaveText('1200 °C');
  await expect(answer.getByRole('button', { name: '[1]' })).toBeVisible();
  // The server's usage figures are shown.
  await expect(page.getByTestId('generation-stats')).toContainText('42 prompt tokens');
  await expect(page.getByTestId('generation-stats')).toContainText(`${TEST_SERVER_ANSWER_CHUNKS} answer tokens`);
  // What was sent: the system prompt, then the filled prompt exactly as shown in step 5, streamed, with the settings.
  const sent = server.requests.at(-1)!;
  const filled = (await page.getByTestId('filled-prompt').textContent())!;
  expect(sent).toMatchObject({ model: 'echo', stream: true, stream_options: { include_usage: true }, temperature: 0.2, top_p: 0.95, max_tokens: 512 });
  expect(sent.messages).toEqual([
    { role: 'system', content: expect.stringContaining('assistant') },
    { role: 'user', content: filled },
  ]);

  // The answer is in the session's history with its settings, and downloads as JSON and as Markdown.
  await page.getByText('This session’s questions and answers (1)').click();
  const history = page.getByRole('list', { name: 'Questions and answers' });
  await expect(history).toContainText('How hot is lava?');
  await expect(history).toContainText(`${ENGINE} · echo · with retrieval (k = 4, 4 in the prompt) · temperature 0.2 · top-p 0.95 · max 512 tokens`);
  const downloaded = async (button: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
  };
  const json = await downloaded('Export as JSON');
  expect(json.name).toMatch(/^openbook-history-.*\.json$/);
  expect(JSON.parse(json.text).entries).toEqual([
    expect.objectContaining({
      question: 'How hot is lava?',
      prompt: filled,
      answer: TEST_SERVER_ANSWER,
      outcome: 'complete',
      settings: expect.objectContaining({
        engine: 'openai',
        model: 'echo',
        temperature: 0.2,
        topP: 0.95,
        maxTokens: 512,
        k: 4,
        retrieval: true,
        chunksInPrompt: 4,
      }),
    }),
  ]);
  const markdown = await downloaded('Export as Markdown');
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain('## 1. How hot is lava?');
  expect(markdown.text).toContain('- Engine: openai · model: echo');

  // An HTTP error: the server's own message.
  await model.selectOption('fail');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Generate answer' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'The answer could not be generated' });
  await expect(failure).toContainText('The server refused the request');
  await expect(failure).toContainText(`HTTP 404: ${TEST_SERVER_FAIL_MESSAGE}`);

  // A connection dropped mid-answer: what came is kept, and the break is explained.
  await model.selectOption('drop');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The connection broke while the answer was streaming' })).toBeVisible();
  await expect(answer).toHaveText('Lava is **1200'); // the bold never closed: shown as typed

  // Stop ends a slow answer at once.
  await model.selectOption('slow');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(answer).toContainText('Lava is');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('answer-stopped')).toBeVisible();
  const stopped = (await answer.textContent())!;
  expect(RENDERED.startsWith(stopped.replace('**', ''))).toBe(true);
  expect(stopped.length).toBeLessThan(RENDERED.length);

  // A server that does not send CORS headers: the page cannot read it, and is told why.
  await page.getByLabel('Endpoint base URL').fill(server.noCorsBaseUrl);
  await page.getByLabel('Model name').fill('echo');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const connect = page.getByRole('alert').filter({ hasText: 'Could not connect to the endpoint' });
  await expect(connect).toContainText('does not allow this page to read its answers (CORS)');
  await expect(connect).toContainText('OLLAMA_ORIGINS');

  // Nothing listening: connection refused.
  await page.getByLabel('Endpoint base URL').fill('http://127.0.0.1:9/v1');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connect).toContainText('Nothing answers at this address (connection refused)');
});
