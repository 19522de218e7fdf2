// Pointing at a lesson step's control: an outline on it (a class), and, when asked, its folded sections
// opened and the control scrolled into view. The control is found by its CSS selector (an id or a
// data-lesson attribute); one control is outlined at a time.
import { scrollBehavior } from '../../state/view/scrollBehavior';
const CLASS = 'lesson-target';

/** The control, if it is on the page and shown. */
function find(selector: string): HTMLElement | null {
  const el = document.querySelector<HTMLElement>(selector);
  return el && el.getClientRects().length > 0 ? el : null;
}

/** Outline the control (and no other); says whether it is on screen. */
export function outline(selector: string | null): boolean {
  for (const el of document.querySelectorAll(`.${CLASS}`)) if (!selector || !el.matches(selector)) el.classList.remove(CLASS);
  if (!selector) return false;
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) return false;
  el.classList.add(CLASS);
  return el.getClientRects().length > 0;
}

/** Open the sections folded around the control (or its own), outline it and scroll it to the top part of the screen. */
export function showTarget(selector: string): boolean {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) {
    for (let parent = el.parentElement; parent; parent = parent.parentElement) if (parent instanceof HTMLDetailsElement && !parent.open) parent.open = true;
    // A folded section that is the control itself (a lab), or that holds it (the reranking settings), is opened too.
    const own = el instanceof HTMLDetailsElement ? el : el.querySelector<HTMLDetailsElement>(':scope > details');
    if (own) own.open = true;
  }
  if (!outline(selector)) return false;
  // 'start' (with the outline's scroll margin) keeps it clear of the lesson panel, which sits at the bottom.
  find(selector)?.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
  return true;
}
