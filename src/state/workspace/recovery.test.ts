// The boundary's ways out: resetting the settings removes only the app's keys; the documents' texts as JSON.
import { describe, expect, it } from 'vitest';
import { documentTextsJson, resetSettings, settingsKeys } from './recovery';

describe('recovery', () => {
  it("resets only the app's saved settings", () => {
    localStorage.setItem('openbook.chunking', '{"state":{"size":"broken"}}');
    localStorage.setItem('openbook.generation', '{}');
    localStorage.setItem('someone-else', 'kept');
    expect(settingsKeys(localStorage).sort()).toEqual(['openbook.chunking', 'openbook.generation']);
    expect(resetSettings(localStorage)).toBe(2);
    expect(localStorage.getItem('openbook.chunking')).toBeNull();
    expect(localStorage.getItem('someone-else')).toBe('kept');
    localStorage.removeItem('someone-else');
  });

  it("writes the documents' texts as JSON", () => {
    const json = documentTextsJson([{ name: 'a.md', kind: 'markdown', text: '# A\n\n茶' }], new Date('2026-01-02T03:04:05Z'));
    expect(JSON.parse(json)).toEqual({ exportedAt: '2026-01-02T03:04:05.000Z', documents: [{ name: 'a.md', kind: 'markdown', text: '# A\n\n茶' }] });
  });
});
