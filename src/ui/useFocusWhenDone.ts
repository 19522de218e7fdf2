// Focus after a long job (embedding, a search, loading a model, an answer, an evaluation): when `busy`
// turns false, the focus moves to `target` (its result or status), so that keyboard and screen-reader
// users land on what the job made. Only when the focus is lost (on the page body, as when the button that
// started the job was disabled) or still inside the same step: the focus is never taken from elsewhere.
import { useEffect, useRef, type RefObject } from 'react';

export function useFocusWhenDone(busy: boolean, target: RefObject<HTMLElement | null>) {
  const wasBusy = useRef(busy);
  useEffect(() => {
    const finished = wasBusy.current && !busy;
    wasBusy.current = busy;
    if (!finished) return;
    const el = target.current;
    if (!el) return;
    const active = document.activeElement;
    const step = el.closest('section');
    if (active === null || active === document.body || (step?.contains(active) ?? false)) el.focus({ preventScroll: false });
  }, [busy, target]);
}
