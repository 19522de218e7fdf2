// Ingestion survives interruption: a tab closed mid-embedding leaves its finished batches saved; the next
// visit shows the run as incomplete (nothing of it as indexed), and Resume embeds only the rest.
import { test, expect } from './fixtures';
import { documentList, openApp } from './steps';

const CHUNKS = 4000;

/** One line per chunk (40 characters each with chunk size 40, no overlap), every one different. */
function bigDocument(): Buffer {
  const lines = Array.from({ length: CHUNKS }, (_, i) => `Lava and tea, note ${String(i).padStart(5, '0')}.`.padEnd(39, ' ') + '\n');
  return Buffer.from(lines.join(''));
}

test('a tab closed mid-embedding: the next visit shows it incomplete, and Resume embeds only the rest', async ({ context }) => {
  const page = await context.newPage();
  await openApp(page);
  await page.getByLabel('Chunk size (characters)').fill('40');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByLabel('Choose files').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: bigDocument() });
  await expect(documentList(page)).toContainText('big.txt');
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  // Close the tab once a few batches are done, well before the end.
  const bar = page.getByRole('progressbar', { name: 'Chunks embedded' });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 90_000, intervals: [50] }).toBeGreaterThanOrEqual(300);
  const total = Number(await bar.getAttribute('max'));
  await page.close();

  const again = await context.newPage();
  await again.goto('/');
  const notice = again.getByTestId('embedding-interrupted');
  await expect(notice).toBeVisible();
  const [, doneText, totalText] = /(\d+) of (\d+) chunks/.exec((await notice.textContent()) ?? '') ?? [];
  const done = Number(doneText);
  expect(Number(totalText)).toBe(total);
  expect(done).toBeGreaterThanOrEqual(64);
  expect(done).toBeLessThan(total);
  await expect(again.getByRole('list', { name: 'Incomplete documents' })).toContainText(`big.txt: incomplete, ${done} of ${total} chunks embedded`);
  // Nothing of the interrupted run is shown as indexed.
  await expect(again.getByText('The vector index is empty.')).toBeVisible();

  await again.getByRole('button', { name: 'Resume embedding' }).click();
  await expect(again.getByTestId('index-summary')).toContainText(`Index ready: ${total} chunks`, { timeout: 90_000 });
  await expect(again.getByTestId('embedding-speed')).toContainText(`Embedded ${total - done} chunks`);
  await expect(again.getByTestId('embedding-speed')).toContainText(`${done} vectors were reused from earlier runs.`);
  await expect(notice).toHaveCount(0);

  // The finished run is the saved index now, and nothing is left to resume.
  await again.reload();
  await expect(again.getByTestId('index-summary')).toContainText(`Index ready: ${total} chunks`);
  await expect(again.getByTestId('index-restored')).toBeVisible();
  await expect(notice).toHaveCount(0);
});
