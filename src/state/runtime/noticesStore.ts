// App-level notices: what the app dropped or refused on its own while starting (a saved setting that did
// not pass its schema, a saved document record that could not be used), shown at the top of the page
// until dismissed. Each is a Message, so it follows a language switch. The same notice is kept once.
import { create } from 'zustand';
import type { Message } from '../../i18n/message';

export interface AppNotice {
  id: number;
  message: Message;
}

interface NoticesState {
  notices: AppNotice[];
  add(message: Message): void;
  dismiss(id: number): void;
}

let nextId = 1;
const sameMessage = (a: Message, b: Message) => a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  add: (message) => set((s) => (s.notices.some((n) => sameMessage(n.message, message)) ? s : { notices: [...s.notices, { id: nextId++, message }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Add a notice (callable before React renders: stores hydrate from localStorage at import time). */
export const addNotice = (message: Message): void => useNoticesStore.getState().add(message);
