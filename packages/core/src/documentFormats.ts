// Which file formats Openbook reads, told apart by the file name's extension.
// Pure: no DOM.
import type { DocumentKind } from './types';

export type FileKind = Exclude<DocumentKind, 'pasted'>;

const EXTENSIONS: Record<string, FileKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/** The accepted file extensions, for the file picker's accept attribute and the drop hint. */
export const ACCEPTED_EXTENSIONS = Object.keys(EXTENSIONS).map((ext) => `.${ext}`);

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The format of a file, from its name; null when Openbook does not read it. */
export function fileKind(name: string): FileKind | null {
  return EXTENSIONS[fileExtension(name)] ?? null;
}
