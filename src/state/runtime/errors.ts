// Turning errors that crossed a worker boundary into something a person can read.

/** The message of any thrown value, without a redundant "Error: " prefix. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err.replace(/^Error: /, '');
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** True for the embedder's cancellation, also after Comlink has re-created the error on this side. */
export function isCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'EmbeddingCancelledError' || /cancelled/i.test(err.message));
}
