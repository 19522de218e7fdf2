// Step 1, documents: what the user added, and a message for every input that could not be used.
// Each document is saved in the workspace storage when added and deleted from it when removed.
// Files are read and parsed by the ingestion queue (ingestStore.ts), which adds them here.
import { create as createStore } from 'zustand';
import type { SourceDocument } from '../core/types';
import { checkPastedText } from '../core/decodeText';
import { markdownSections } from '../core/markdownStructure';
import { message, type Message } from '../i18n/message';
import { deleteDocument, saveDocument, saveFailure } from './workspaceSaves';

export interface InputNotice {
  id: string;
  level: 'error' | 'info';
  /** The file (or pasted text) the notice is about. */
  subject: string;
  message: Message;
}

export interface NewDocument {
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

export const useDocumentsStore = createStore<DocumentsState>()((set, get) => {
  const notice = (subject: string, msg: Message, level: InputNotice['level'] = 'error') =>
    set((s) => ({ notices: [...s.notices, { id: newId('notice'), level, subject, message: msg }] }));

  const isDuplicate = (doc: NewDocument) =>
    get().documents.some((d) => (doc.contentHash && d.contentHash === doc.contentHash) || (d.name === doc.name && d.text === doc.text));

  const create = (input: NewDocument): SourceDocument | null => {
    if (isDuplicate(input)) return null;
    const doc = withMarkdownSections(input);
    const created: SourceDocument = {
      id: newId('doc'),
      name: doc.name,
      kind: doc.kind,
      text: doc.text,
      sizeBytes: doc.sizeBytes ?? new TextEncoder().encode(doc.text).length,
      addedAt: Date.now(),
      ...(doc.structure ? { structure: doc.structure } : {}),
      ...(doc.encoding ? { encoding: doc.encoding } : {}),
      ...(doc.contentHash ? { contentHash: doc.contentHash } : {}),
    };
    set((s) => ({ documents: [...s.documents, created], selectedDocId: s.selectedDocId ?? created.id }));
    // A document that cannot be saved stays for this session; the user is told it will not outlive it.
    saveDocument(created).catch((err: unknown) => notice(created.name, saveFailure('document', err)));
    return created;
  };

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
      for (const doc of docs) append(doc);
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
