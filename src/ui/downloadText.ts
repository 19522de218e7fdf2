// Offer a text file for download (the browser saves it under `name`).
export function downloadText(text: string, name: string, type = 'text/csv;charset=utf-8', withBom = true): void {
  // A BOM, so that spreadsheet programs read the UTF-8 (Chinese included) of a CSV correctly.
  const url = URL.createObjectURL(new Blob(withBom ? ['\uFEFF', text] : [text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
