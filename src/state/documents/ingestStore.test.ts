// The ingestion queue with the real parsers run in-thread (the app runs them in the parser worker).
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCorruptPdf, makeEncryptedPdf, makeGbkText, makeTwoPagePdf } from '../../../scripts/document-fixtures';
import { parseDocument } from '../../adapters/parsers/parseDocument';
import type { ParseResult } from '../../adapters/parsers/parseResult';
import { useDocumentsStore } from './documentsStore';
import { WorkerDiedError } from '../../adapters/workerSupervisor';
import { BATCH_FILES, createIngestStore, inThreadParser, type IngestParser } from './ingestStore';
import { smallTextFiles } from '../../../scripts/hostile-fixtures';
import { setWorkspaceStorage } from '../workspace/workspaceStore';
import type { WorkspaceStorage } from '../../adapters/storage/workspaceStorage';
import type { SourceDocument } from '@openbook/core/types';
import { DEFAULT_MAX_FILE_MB, useIngestSettingsStore } from './ingestSettingsStore';

const inThread: IngestParser = inThreadParser(parseDocument);
const file = (name: string, bytes: Uint8Array | string) => new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name);

beforeEach(() => {
  useDocumentsStore.getState().clearAll();
  useIngestSettingsStore.getState().setMaxFileMB(DEFAULT_MAX_FILE_MB);
});

describe('the ingestion queue', () => {
  it('adds each good file with its metadata, and gives each bad file its own reason without stopping', async () => {
    const store = createIngestStore(inThread);
    await store
      .getState()
      .addFiles([
        file('two.pdf', await makeTwoPagePdf()),
        file('locked.pdf', makeEncryptedPdf()),
        file('broken.pdf', makeCorruptPdf()),
        file('empty.txt', ''),
        file('gbk.txt', makeGbkText()),
        file('notes.md', '# Tea\n\nGreen.\n\n## Oolong\n\nHalf.'),
        file('slides.pptx', 'x'),
      ]);
    const items = store.getState().items;
    expect(items.map((i) => [i.name, i.status, i.reason?.key])).toEqual([
      ['two.pdf', 'added', undefined],
      ['locked.pdf', 'failed', 'ingest.errors.pdf-encrypted'],
      ['broken.pdf', 'failed', 'ingest.errors.pdf-damaged'],
      ['empty.txt', 'failed', 'ingest.errors.empty-file'],
      ['gbk.txt', 'added', undefined],
      ['notes.md', 'added', undefined],
      ['slides.pptx', 'failed', 'ingest.errors.unsupported-type'],
    ]);
    const docs = useDocumentsStore.getState().documents;
    expect(docs.map((d) => [d.name, d.kind, d.encoding, d.structure?.pages?.length, d.structure?.sections?.length])).toEqual([
      ['two.pdf', 'pdf', undefined, 2, undefined],
      ['gbk.txt', 'text', 'gb18030', undefined, undefined],
      ['notes.md', 'markdown', 'utf-8', undefined, 2],
    ]);
    expect(docs[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(docs[0]!.sizeBytes).toBe((await makeTwoPagePdf()).length);
  });

  it('says the same content is already there, even under another name', async () => {
    const store = createIngestStore(inThread);
    await store.getState().addFiles([file('a.txt', 'Magma rises.'), file('copy of a.txt', 'Magma rises.')]);
    expect(store.getState().items.map((i) => [i.status, i.reason?.values?.name])).toEqual([
      ['added', undefined],
      ['duplicate', 'a.txt'],
    ]);
    expect(useDocumentsStore.getState().documents).toHaveLength(1);
  });

  it('refuses a file over the size cap, naming its size and the cap', async () => {
    useIngestSettingsStore.getState().setMaxFileMB(0.01);
    const store = createIngestStore(inThread);
    await store.getState().addFiles([file('big.txt', 'x'.repeat(20_000)), file('small.txt', 'Tea.')]);
    const [big, small] = store.getState().items;
    expect(big).toMatchObject({ status: 'failed', reason: { key: 'ingest.errors.too-large', values: { size: '19.5 KB', max: '10.2 KB' } } });
    expect(small!.status).toBe('added');
  });

  it('cancels the file being parsed and the ones still queued', async () => {
    let release: (r: ParseResult) => void = () => {};
    let cancelled = false;
    const slow: IngestParser = {
      ...inThreadParser((name, bytes) => (name === 'slow.txt' ? new Promise<ParseResult>((resolve) => (release = resolve)) : parseDocument(name, bytes))),
      cancel: async () => {
        cancelled = true;
      },
    };
    const store = createIngestStore(slow);
    const done = store.getState().addFiles([file('slow.txt', 'Slow.'), file('next.txt', 'Next.')]);
    await expect.poll(() => store.getState().items[0]!.status).toBe('parsing');
    await new Promise((r) => setTimeout(r, 10));
    store.getState().cancel();
    await done;
    expect(cancelled).toBe(true);
    expect(store.getState().items.map((i) => i.status)).toEqual(['cancelled', 'cancelled']);
    expect(store.getState().running).toBe(false);
    release({ ok: true, doc: { kind: 'text', text: 'Slow.' } });
    expect(useDocumentsStore.getState().documents).toHaveLength(0);

    // The queue works again afterwards.
    await store.getState().addFiles([file('after.txt', 'After.')]);
    expect(store.getState().items.at(-1)!.status).toBe('added');
  });

  it('marks a file failed when its parser worker dies, shows progress while parsing, and parses the next file', async () => {
    const seen: (number | undefined)[] = [];
    // The worker dies on crash.html: first in the batch with next.txt (both die), then alone.
    const dying: IngestParser = {
      parseBatch: async (files, onProgress) => {
        if (!files.some((f) => f.name === 'crash.html')) return inThread.parseBatch(files);
        await onProgress?.(1, 4);
        seen.push(store.getState().items[0]!.progress);
        throw new WorkerDiedError('crashed', 'the worker crashed: out of memory');
      },
      cancel: async () => undefined,
    };
    const store = createIngestStore(dying);
    await store.getState().addFiles([file('crash.html', '<p>Big.</p>'), file('next.txt', 'Next.')]);
    expect(seen).toEqual([undefined, 0.25]); // progress is told only for a file parsed alone
    const [crashed, next] = store.getState().items;
    expect(crashed).toMatchObject({ status: 'failed', reason: { key: 'resilience.parserDied', values: { detail: 'the worker crashed: out of memory' } } });
    expect(crashed!.progress).toBeUndefined();
    expect(next!.status).toBe('added');
  });

  it('gives Markdown added without its structure (the sample corpus) its sections', () => {
    useDocumentsStore.getState().addDocuments([{ name: 'notes.md', kind: 'markdown', text: '# Tea\n\nGreen.\n\n## Oolong\n\nHalf.' }]);
    expect(useDocumentsStore.getState().documents[0]!.structure?.sections?.map((s) => s.headingPath)).toEqual([['Tea'], ['Tea', 'Oolong']]);
  });

  it('adds 1,000 small files in batches: one parse message, one documents update and one save per batch', async () => {
    const saved: SourceDocument[][] = [];
    const storage = {
      saveDocument: async (d: SourceDocument) => void saved.push([d]),
      saveDocuments: async (ds: SourceDocument[]) => void saved.push(ds),
      estimate: async () => ({ usageBytes: 0, quotaBytes: 1 }),
      persisted: async () => false,
    } as unknown as WorkspaceStorage;
    setWorkspaceStorage(storage);
    try {
      const batches: number[] = [];
      const counting: IngestParser = { ...inThread, parseBatch: (files) => (batches.push(files.length), inThread.parseBatch(files)) };
      const store = createIngestStore(counting);
      let queueUpdates = 0;
      let documentUpdates = 0;
      const stopQueue = store.subscribe(() => queueUpdates++);
      const stopDocs = useDocumentsStore.subscribe((s, prev) => void (s.documents !== prev.documents && documentUpdates++));
      const inputs = smallTextFiles(1000);
      // Two files with the same content in one batch: the second is a duplicate, found within the batch.
      inputs.splice(1, 0, { name: 'again.txt', text: inputs[0]!.text });
      await store.getState().addFiles(inputs.map((f) => file(f.name, f.text)));
      stopQueue();
      stopDocs();
      const items = store.getState().items;
      expect(items.filter((i) => i.status === 'added')).toHaveLength(1000);
      expect(items[1]).toMatchObject({ name: 'again.txt', status: 'duplicate', reason: { values: { name: 'note-00000.txt' } } });
      const batchCount = Math.ceil(1001 / BATCH_FILES);
      expect(batches).toHaveLength(batchCount);
      expect(documentUpdates).toBe(batchCount);
      expect(saved).toHaveLength(batchCount);
      expect(saved.flat()).toHaveLength(1000);
      // Queued, then per batch: parsing and done, and the running flag on and off.
      expect(queueUpdates).toBeLessThanOrEqual(1 + 2 * batchCount + 2);
    } finally {
      setWorkspaceStorage(null);
    }
  });

  it('gives each file of a batch its own reason, and a batch that throws fails only its own files', async () => {
    const store = createIngestStore(inThread);
    await store.getState().addFiles([file('a.txt', 'Alpha.'), file('empty.txt', ''), file('b.pptx', 'x'), file('c.md', '# C')]);
    expect(store.getState().items.map((i) => [i.name, i.status, i.reason?.key])).toEqual([
      ['a.txt', 'added', undefined],
      ['empty.txt', 'failed', 'ingest.errors.empty-file'],
      ['b.pptx', 'failed', 'ingest.errors.unsupported-type'],
      ['c.md', 'added', undefined],
    ]);
    const throwing = createIngestStore(
      inThreadParser(async (name, bytes) => (name === 'bad.txt' ? Promise.reject(new Error('boom')) : parseDocument(name, bytes))),
    );
    await throwing.getState().addFiles([file('bad.txt', 'Bad.'), file('good.txt', 'Good.')]);
    expect(throwing.getState().items.map((i) => [i.status, i.reason?.key])).toEqual([
      ['failed', 'ingest.errors.parser-crashed'],
      ['added', undefined],
    ]);
  });

  it('parses a PDF in a batch of its own, the small files around it together', async () => {
    const batches: string[][] = [];
    const counting: IngestParser = { ...inThread, parseBatch: (files) => (batches.push(files.map((f) => f.name)), inThread.parseBatch(files)) };
    const store = createIngestStore(counting);
    await store.getState().addFiles([file('a.txt', 'A.'), file('two.pdf', await makeTwoPagePdf()), file('b.txt', 'B.'), file('c.md', '# C')]);
    expect(batches).toEqual([['a.txt'], ['two.pdf'], ['b.txt', 'c.md']]);
    expect(store.getState().items.every((i) => i.status === 'added')).toBe(true);
  });
});
