// Step 1, documents: what the user added, and a message for every input that could not be used.
// Each document is saved in the workspace storage when added and deleted from it when removed.
// Files are read and parsed by the ingestion queue (ingestStore.ts), which adds them here a batch at a
// time: one state change and one storage transaction per batch, and duplicates found through an index of
// content hashes and names, so adding n documents is linear in n.
import { create as createStore } from 'zustand';
import type { SourceDocument } from '@openbook/core/types';
import { checkPastedText } from '@openbook/core/decodeText';
import { markdownSections } from '@openbook/core/markdownStructure';
import { message, type Message } from '../../i18n/message';
import { deleteDocument, saveDocuments, saveFailure } from '../workspace/workspaceStore';

export interface InputNotice {
  id: string;
  level: 'error' | 'info';
  /** The file (or pasted text) the notice is about. */
  subject: string;
  message: Message;
}

export interface NewDocument {
  /** Its id when given one beforehand (a file whose chunks were streamed while it was read: newDocumentId()); else a new one. */
  id?: string;
  name: string;
  kind: SourceDocument['kind'];
  text: string;
  sizeBytes?: number;
  structure?: SourceDocument['structure'];
  encoding?: string;
  contentHash?: string;
}

interface DocumentsState {
  documents: SourceDocument[];
  selectedDocId: string | null;
  notices: InputNotice[];
  /** Add a parsed file; null (and nothing added) when a document with the same content hash is there. */
  addParsed(doc: NewDocument): SourceDocument | null;
  /** Add a batch of parsed files at once: for each, the document or null when it is a duplicate. */
  addParsedMany(docs: NewDocument[]): (SourceDocument | null)[];
  /** The document with this content hash, if there is one. */
  findByHash(contentHash: string): SourceDocument | undefined;
  addPasted(name: string, text: string): boolean;
  addDocuments(docs: NewDocument[]): void;
  remove(id: string): void;
  /** Put back the documents of a saved workspace (before any added since the page opened). */
  restore(docs: SourceDocument[]): void;
  /** Forget every document (the stored copies are removed by the caller). */
  clearAll(): void;
  select(id: string | null): void;
  dismissNotice(id: string): void;
}

/**
 * Markdown that arrived without its structure (the sample corpus, documents saved before it was kept)
 * gets its sections from its headings, as a parsed .md file does.
 */
function withMarkdownSections<T extends { kind: SourceDocument['kind']; text: string; structure?: SourceDocument['structure'] }>(doc: T): T {
  if (doc.kind !== 'markdown' || doc.structure) return doc;
  const sections = markdownSections(doc.text);
  return sections.length > 0 ? { ...doc, structure: { sections } } : doc;
}

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** An id for a document not added yet (its chunks, streamed while it is read, carry it already). */
export const newDocumentId = () => newId('doc');

export const useDocumentsStore = createStore<DocumentsState>()((set, get) => {
  const notice = (subject: string, msg: Message, level: InputNotice['level'] = 'error') =>
    set((s) => ({ notices: [...s.notices, { id: newId('notice'), level, subject, message: msg }] }));

  /** What is there, indexed for duplicate checks (built once per batch, not once per document). */
  const lookup = () => {
    const hashes = new Map<string, SourceDocument>();
    const byName = new Map<string, SourceDocument[]>();
    for (const d of get().documents) {
      if (d.contentHash) hashes.set(d.contentHash, d);
      const named = byName.get(d.name);
      if (named) named.push(d);
      else byName.set(d.name, [d]);
    }
    return { hashes, byName };
  };

  const createMany = (inputs: NewDocument[]): (SourceDocument | null)[] => {
    const { hashes, byName } = lookup();
    const isDuplicate = (doc: NewDocument) =>
      (doc.contentHash !== undefined && hashes.has(doc.contentHash)) || (byName.get(doc.name) ?? []).some((d) => d.text === doc.text);
    const created: SourceDocument[] = [];
    const results = inputs.map((input): SourceDocument | null => {
      if (isDuplicate(input)) return null;
      const doc = withMarkdownSections(input);
      const made: SourceDocument = {
        id: input.id ?? newId('doc'),
        name: doc.name,
        kind: doc.kind,
        text: doc.text,
        sizeBytes: doc.sizeBytes ?? new TextEncoder().encode(doc.text).length,
        addedAt: Date.now(),
        ...(doc.structure ? { structure: doc.structure } : {}),
        ...(doc.encoding ? { encoding: doc.encoding } : {}),
        ...(doc.contentHash ? { contentHash: doc.contentHash } : {}),
      };
      if (made.contentHash) hashes.set(made.contentHash, made);
      byName.set(made.name, [...(byName.get(made.name) ?? []), made]);
      created.push(made);
      return made;
    });
    if (created.length === 0) return results;
    set((s) => ({ documents: [...s.documents, ...created], selectedDocId: s.selectedDocId ?? created[0]!.id }));
    // Documents that cannot be saved stay for this session; the user is told, for each, that it will not outlive it.
    saveDocuments(created).catch((err: unknown) => {
      const failure = saveFailure('document', err);
      set((s) => ({ notices: [...s.notices, ...created.map((d) => ({ id: newId('notice'), level: 'error' as const, subject: d.name, message: failure }))] }));
    });
    return results;
  };

  const create = (input: NewDocument): SourceDocument | null => createMany([input])[0]!;

  const append = (doc: NewDocument): boolean => {
    if (create(doc)) return true;
    notice(doc.name, message('documents.errors.duplicate'), 'info');
    return false;
  };

  return {
    documents: [],
    selectedDocId: null,
    notices: [],

    addParsed: (doc) => create(doc),
    addParsedMany: (docs) => createMany(docs),
    findByHash: (contentHash) => get().documents.find((d) => d.contentHash === contentHash),

    addPasted(name, text) {
      const subject = name.trim() || 'pasted';
      const failure = checkPastedText(text);
      if (failure) {
        notice(subject, message(`documents.errors.${failure}`));
        return false;
      }
      return append({ name: subject, kind: 'pasted', text: text.replace(/\r\n?/g, '\n') });
    },

    addDocuments(docs) {
      const added = createMany(docs);
      const duplicates = docs.filter((_, i) => added[i] === null);
      if (duplicates.length > 0)
        set((s) => ({
          notices: [
            ...s.notices,
            ...duplicates.map((d) => ({ id: newId('notice'), level: 'info' as const, subject: d.name, message: message('documents.errors.duplicate') })),
          ],
        }));
    },

    remove(id) {
      set((s) => {
        const documents = s.documents.filter((d) => d.id !== id);
        const selectedDocId = s.selectedDocId === id ? (documents[0]?.id ?? null) : s.selectedDocId;
        return { documents, selectedDocId };
      });
      void deleteDocument(id);
    },

    restore(docs) {
      set((s) => {
        const restored = new Set(docs.map((d) => d.id));
        const documents = [...docs.map(withMarkdownSections), ...s.documents.filter((d) => !restored.has(d.id))];
        return { documents, selectedDocId: s.selectedDocId ?? documents[0]?.id ?? null };
      });
    },

    clearAll: () => set({ documents: [], selectedDocId: null, notices: [] }),

    select: (selectedDocId) => set({ selectedDocId }),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
});
