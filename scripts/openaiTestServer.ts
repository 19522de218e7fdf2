// A small OpenAI-compatible server for tests: GET /v1/models and POST /v1/chat/completions, streamed as
// server-sent events the way Ollama, LM Studio and llama.cpp's server send them. Started by the unit tests
// of the endpoint engine and by the e2e tests (on a localhost port, which the e2e network guard allows).
//
// What it answers depends on the model asked for:
//   'echo'    streams ANSWER word by word (with a usage chunk, then [DONE]), and records each request;
//   'slow'    the same, one word every 150 ms (time to press Stop);
//   'fail'    HTTP 404 with an OpenAI-style error body;
//   'drop'    streams the first words, then destroys the connection;
//   'evil'    streams EVIL_ANSWER, an answer full of HTML and script that must stay text;
//   'deep'    streams DEEP_ANSWER, 3,000 nested Markdown quotes (about 6 KB), in pieces of 500 characters.
// Under /nocors/v1 the same, but without CORS headers (a browser refuses to let the page read it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_SERVER_ANSWER = 'Lava is **1200 °C** hot [1]. It flows from volcanoes [2].';
export const TEST_SERVER_MODELS = ['echo', 'slow', 'fail', 'drop', 'evil', 'deep'];
export const DEEP_ANSWER = `${'> '.repeat(3000)}the bottom of the well`;
export const EVIL_ANSWER =
  'Sure! <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click](javascript:window.__pwned=3) ![p](http://127.0.0.1:9/p.png) **done** [1]';
export const TEST_SERVER_FAIL_MESSAGE = "model 'fail' not found, try pulling it first";

export interface TestServer {
  /** e.g. http://127.0.0.1:43123/v1 */
  baseUrl: string;
  /** The same server without CORS headers. */
  noCorsBaseUrl: string;
  /** The JSON bodies of the chat requests received, in order. */
  requests: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const words = (text: string) => text.match(/\S+\s*/g) ?? [];
/** How many chunks (one word each) the answer streams in: the completion tokens the usage figures report. */
export const TEST_SERVER_ANSWER_CHUNKS = words(TEST_SERVER_ANSWER).length;

function cors(res: ServerResponse, allowed: boolean) {
  if (!allowed) return;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const piece of req) body += String(piece);
  return body;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOpenAITestServer(): Promise<TestServer> {
  const requests: Array<Record<string, unknown>> = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const allowCors = !url.pathname.startsWith('/nocors/');
    const path = url.pathname.replace(/^\/nocors/, '');
    cors(res, allowCors);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: TEST_SERVER_MODELS.map((id) => ({ id, object: 'model' })) }));
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: `No route ${path}` } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    requests.push(body);
    const model = body.model;
    if (model === 'fail') {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: TEST_SERVER_FAIL_MESSAGE, type: 'invalid_request_error' } }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    const parts = model === 'deep' ? (DEEP_ANSWER.match(/[\s\S]{1,500}/g) ?? []) : words(model === 'evil' ? EVIL_ANSWER : TEST_SERVER_ANSWER);
    let closed = false;
    res.on('close', () => (closed = true));
    for (const [i, part] of parts.entries()) {
      if (closed) return;
      if (model === 'drop' && i === 3) {
        // Give the browser time to read what was sent (on a busy machine, data and reset arriving together
        // can reach the page as the error alone), then cut the connection mid-answer.
        await sleep(500);
        res.socket?.destroy();
        return;
      }
      send({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: part }, finish_reason: null }] });
      await sleep(model === 'slow' ? 150 : 5);
    }
    send({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const stream = body.stream_options as { include_usage?: boolean } | undefined;
    if (stream?.include_usage)
      send({
        id: 'c1',
        object: 'chat.completion.chunk',
        choices: [],
        usage: { prompt_tokens: 42, completion_tokens: parts.length, total_tokens: 42 + parts.length },
      });
    send('[DONE]');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    noCorsBaseUrl: `http://127.0.0.1:${port}/nocors/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
