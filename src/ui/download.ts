// Offer a file for download (the browser saves it under `name`).

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; it can go once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(text: string, name: string, type = 'text/csv;charset=utf-8', withBom = true): void {
  // A BOM, so that spreadsheet programs read the UTF-8 (Chinese included) of a CSV correctly.
  downloadBlob(new Blob(withBom ? ['\uFEFF', text] : [text], { type }), name);
}
