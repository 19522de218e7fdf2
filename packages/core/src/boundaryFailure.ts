// What an error boundary keeps of a failure: the error in a line the user can read (and report), and a
// count of tries so that "Try again" mounts the failed part afresh. Pure, so it is unit-tested without a DOM.

export interface BoundaryState {
  /** The failure in words; null while the content works. */
  failure: string | null;
  /** Bumped by "Try again": the content is mounted anew under this key. */
  attempt: number;
}

export const WORKING: BoundaryState = { failure: null, attempt: 0 };

const MAX_DETAIL = 300;

/** The error as one short line: its message (with its name when that says more), else its text. */
export function describeFailure(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  else if (typeof error === 'string') text = error;
  else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') return 'unknown error';
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** The state after the content threw `error`. */
export function failed(state: BoundaryState, error: unknown): BoundaryState {
  return { failure: describeFailure(error), attempt: state.attempt };
}

/** The state after "Try again". */
export function retried(state: BoundaryState): BoundaryState {
  return { failure: null, attempt: state.attempt + 1 };
}
