// The "Models and storage" panel's state: the models in the browser's caches (embedding and chat, from
// transformers.js and WebLLM) with their sizes, deleting one, and importing a model folder from disk into
// transformers.js' cache so that it loads with no network.
import { create } from 'zustand';
import { findModelFolders, groupByModel, type CachedModel } from '@openbook/core/cachedModels';
import { deleteCacheEntries, hasCacheApi, listCacheEntries, putModelFiles } from '../../adapters/modelCache/browserModelCache';
import { normaliseBasePath } from '../../adapters/transformers/modelLocation';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { useGenerationStore } from '../generation/generationStore';
import { useIndexStore } from '../embedding/indexStore';
import { refreshStorageUse } from '../workspace/workspaceStore';

interface ModelCacheState {
  /** null until listed; the caches' models, largest first. */
  models: CachedModel[] | null;
  available: boolean;
  busy: boolean;
  /** The last import: files done of total, while it runs. */
  importing: { done: number; total: number } | null;
  notice: Message | null;
  error: Message | null;
}

export const useModelCacheStore = create<ModelCacheState>()(() => ({
  models: null,
  available: hasCacheApi(),
  busy: false,
  importing: null,
  notice: null,
  error: null,
}));

const set = useModelCacheStore.setState;

/** The site's models folder path (e.g. '/openbook/models/'), where site and imported models are cached. */
const siteModelsPath = () => `${normaliseBasePath(import.meta.env.BASE_URL)}models/`;

/** List the cached models again (and the storage use). */
export async function refreshCachedModels(): Promise<void> {
  if (!hasCacheApi()) return;
  try {
    const models = groupByModel(await listCacheEntries(), siteModelsPath());
    set({ models });
  } catch (err) {
    set({ error: message('models.errors.list', { detail: describeError(err) }) });
  }
  void refreshStorageUse();
}

/** Delete every cached file of one model. */
export async function deleteCachedModel(id: string): Promise<void> {
  const model = useModelCacheStore.getState().models?.find((m) => m.id === id);
  if (!model) return;
  set({ busy: true, error: null, notice: null });
  try {
    await deleteCacheEntries(model.entries);
    set({ notice: message('models.deleted', { model: id }) });
  } catch (err) {
    set({ error: message('models.errors.delete', { model: id, detail: describeError(err) }) });
  } finally {
    set({ busy: false });
    await refreshCachedModels();
  }
}

/** The models a folder may hold: every embedding model and transformers.js chat model the app offers. */
function importableIds(): string[] {
  const embedding = useIndexStore.getState().models.map((m) => m.id);
  const chat = useGenerationStore.getState().transformersModels.map((m) => m.id);
  return [...new Set([...embedding, ...chat])];
}

/** Import the models found in a folder chosen from disk (files with their paths inside the folder). */
export async function importModelFolder(files: readonly { path: string; file: Blob }[]): Promise<void> {
  if (!hasCacheApi()) return;
  if (useModelCacheStore.getState().busy) return;
  const folders = findModelFolders(
    files.map((f) => f.path),
    importableIds(),
  );
  if (folders.length === 0) {
    set({ error: message('models.errors.noModel'), notice: null });
    return;
  }
  const total = folders.reduce((n, f) => n + f.files.length, 0);
  set({ busy: true, error: null, notice: null, importing: { done: 0, total } });
  const siteModelsUrl = new URL(siteModelsPath(), location.href).href;
  let before = 0;
  try {
    for (const folder of folders) {
      const chosen = folder.files.map(({ path, index }) => ({ path, file: files[index]!.file }));
      await putModelFiles(siteModelsUrl, folder.id, chosen, (done) => set({ importing: { done: before + done, total } }));
      before += chosen.length;
    }
    set({ notice: message('models.imported', { models: folders.map((f) => f.id).join(', '), count: total }) });
  } catch (err) {
    set({ error: message('models.errors.import', { detail: describeError(err) }) });
  } finally {
    set({ busy: false, importing: null });
    await refreshCachedModels();
  }
}
