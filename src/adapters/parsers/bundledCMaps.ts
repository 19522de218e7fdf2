// The Adobe CMap files pdf.js needs for CJK fonts that are not embedded (e.g. UniGB-UCS2-H), served by
// this site itself: Vite copies each one into the build as its own file (`no-inline`: never as a data URL
// in the worker's code), and the parser
// fetches the few a PDF needs from our own origin. Nothing is fetched from a CDN.
const urls = import.meta.glob<string>('../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

const byName = new Map(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

export async function loadBundledCMap(filename: string): Promise<Uint8Array> {
  const url = byName.get(filename);
  if (!url) throw new Error(`No CMap named ${filename}.`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`CMap ${filename}: HTTP ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}
