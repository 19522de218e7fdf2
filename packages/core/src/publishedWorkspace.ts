// A static site can publish a prebuilt workspace file beside the app and link to it:
// https://host/openbook/?workspace=demo/workspace.zip opens it at once, with nothing to embed. Pure.

export const WORKSPACE_PARAM = 'workspace';

export type PublishedWorkspaceLink = { ok: true; url: string; name: string } | { ok: false; reason: 'other-site' | 'bad-url' };

/**
 * The workspace file a page address links to (its ?workspace= parameter, relative to the page), or null
 * when there is none. Only files of the site itself: another site's file would be a request elsewhere.
 */
export function publishedWorkspaceLink(pageUrl: string): PublishedWorkspaceLink | null {
  const page = new URL(pageUrl);
  const value = page.searchParams.get(WORKSPACE_PARAM);
  if (value === null || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim(), page);
  } catch {
    return { ok: false, reason: 'bad-url' };
  }
  if (url.origin !== page.origin) return { ok: false, reason: 'other-site' };
  const name = decodeURIComponent(url.pathname.split('/').pop() || url.pathname);
  return { ok: true, url: url.href, name };
}

/** The page address without its ?workspace= parameter (once the workspace is open, a reload keeps it). */
export function withoutWorkspaceParam(pageUrl: string): string {
  const page = new URL(pageUrl);
  page.searchParams.delete(WORKSPACE_PARAM);
  return page.href;
}
