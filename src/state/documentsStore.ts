// Step 1, documents: what the user added, and a message for every input that could not be used.
// Each document is saved in the workspace storage when added and deleted from it when removed.
import { create } from 'zustand';
import type { SourceDocument } from '../core/types';
import { checkPastedText, decodeTextFile } from '../core/decodeText';
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
}

interface DocumentsState {
  documents: SourceDocument[];
  selectedDocId: string | null;
  notices: InputNotice[];
  addFiles(files: File[]): Promise<void>;
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

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Files larger than this are refused: a .txt or .md of this size is almost certainly not prose. */
export const MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024;

export const useDocumentsStore = create<DocumentsState>()((set, get) => {
  const notice = (subject: string, msg: Message, level: InputNotice['level'] = 'error') =>
    set((s) => ({ notices: [...s.notices, { id: newId('notice'), level, subject, message: msg }] }));

  const isDuplicate = (name: string, text: string) => get().documents.some((d) => d.name === name && d.text === text);

  const append = (doc: NewDocument): boolean => {
    if (isDuplicate(doc.name, doc.text)) {
      notice(doc.name, message('documents.errors.duplicate'), 'info');
      return false;
    }
    const created: SourceDocument = {
      id: newId('doc'),
      name: doc.name,
      kind: doc.kind,
      text: doc.text,
      sizeBytes: doc.sizeBytes ?? new TextEncoder().encode(doc.text).length,
      addedAt: Date.now(),
    };
    set((s) => ({ documents: [...s.documents, created], selectedDocId: s.selectedDocId ?? created.id }));
    // A document that cannot be saved stays for this session; the user is told it will not outlive it.
    saveDocument(created).catch((err: unknown) => notice(created.name, saveFailure('document', err)));
    return true;
  };

  return {
    documents: [],
    selectedDocId: null,
    notices: [],

    async addFiles(files) {
      // One after another: one bad file never stops the others.
      for (const file of files) {
        if (file.size > MAX_TEXT_FILE_BYTES) {
          notice(file.name, message('documents.errors.too-large', { max: MAX_TEXT_FILE_BYTES / 1024 / 1024 }));
          continue;
        }
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch {
          notice(file.name, message('documents.errors.unreadable'));
          continue;
        }
        const result = decodeTextFile(file.name, bytes);
        if (!result.ok) {
          notice(file.name, message(`documents.errors.${result.reason}`, { detail: result.detail ?? '' }));
          continue;
        }
        append({ name: file.name, kind: result.kind, text: result.text, sizeBytes: file.size });
      }
    },

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
        const documents = [...docs, ...s.documents.filter((d) => !restored.has(d.id))];
        return { documents, selectedDocId: s.selectedDocId ?? documents[0]?.id ?? null };
      });
    },

    clearAll: () => set({ documents: [], selectedDocId: null, notices: [] }),

    select: (selectedDocId) => set({ selectedDocId }),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
});
