// Where stores persist their settings: localStorage (looked up when used, so tests can provide one).
import { createJSONStorage } from 'zustand/middleware';

export const settingsStorage = createJSONStorage(() => localStorage);
