// The built-in LSA embedder as a plain "embed these texts" function: fitted to the texts themselves, then
// used to embed them (the semantic chunker compares a document's sentence windows this way). Pure.
import { embedLsa, fitLsa } from './lsaModel';

export async function lsaEmbedTexts(texts: string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  return embedLsa(await fitLsa(texts), texts);
}
