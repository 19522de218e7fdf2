import { describe, expect, it } from 'vitest';
import { publishedWorkspaceLink, withoutWorkspaceParam } from './publishedWorkspace';

describe('publishedWorkspaceLink', () => {
  it('resolves the file relative to the page, below a sub-path too', () => {
    expect(publishedWorkspaceLink('https://example.org/openbook/?workspace=demo/class%201.zip')).toEqual({
      ok: true,
      url: 'https://example.org/openbook/demo/class%201.zip',
      name: 'class 1.zip',
    });
    expect(publishedWorkspaceLink('http://localhost:4173/?workspace=/w.zip')).toMatchObject({ ok: true, url: 'http://localhost:4173/w.zip' });
  });

  it('is null without the parameter, and refuses another site’s file', () => {
    expect(publishedWorkspaceLink('https://example.org/openbook/')).toBeNull();
    expect(publishedWorkspaceLink('https://example.org/?workspace=')).toBeNull();
    expect(publishedWorkspaceLink('https://example.org/?workspace=https://evil.example/w.zip')).toEqual({ ok: false, reason: 'other-site' });
    expect(publishedWorkspaceLink('https://example.org/?workspace=//evil.example/w.zip')).toEqual({ ok: false, reason: 'other-site' });
  });

  it('drops only the workspace parameter from the address', () => {
    expect(withoutWorkspaceParam('https://example.org/openbook/?lang=zh&workspace=w.zip#x')).toBe('https://example.org/openbook/?lang=zh#x');
  });
});
