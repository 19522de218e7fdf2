// A message kept in state as a translation key plus values, so it follows a language switch.
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

export const message = (key: string, values?: Record<string, string | number>): Message => (values ? { key, values } : { key });
