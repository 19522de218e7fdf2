// How the failures of a transformers.js model load read, whatever the model is for.

export const NETWORK_FAILURE = /Failed to fetch|fetch failed|NetworkError|Load failed|network error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/i;
export const FILE_NOT_FOUND = /Could not locate file|was not found locally|Local file missing|status(?: code)?:? 404|\b404\b/i;
export const HTML_INSTEAD_OF_FILE = /Unexpected token '?<|<!DOCTYPE|is not valid JSON/i;

/** An error's message without redundant "Error: " prefixes. */
export function rawMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/^(Error: )+/, '').trim();
}
