// A stand-in embedding for tests: a hashed bag of the text's keyword tokens, so texts sharing words point
// the same way. Deterministic, no model.
import { tokenize } from '@openbook/core/retrieval/tokenize';

export function bagOfWordsVector(text: string, dimension = 64): Float32Array {
  const v = new Float32Array(dimension);
  for (const word of tokenize(text)) {
    let h = 7;
    for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % dimension]! += 1;
  }
  return v;
}
