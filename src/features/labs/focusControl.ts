// Taking the reader to a control by its element id: open the folded sections around it, scroll it into view
// and focus it. Says false when the control is not on the page, is hidden, or is disabled.
import { scrollBehavior } from '../../state/view/scrollBehavior';
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

const shown = (el: Element) => el.getClientRects().length > 0;

export function focusControl(id: string): boolean {
  const el = document.getElementById(id);
  if (!el || (el as HTMLButtonElement).disabled) return false;
  for (let parent = el.parentElement; parent; parent = parent.parentElement) if (parent instanceof HTMLDetailsElement && !parent.open) parent.open = true;
  if (!shown(el)) return false;
  if (!el.matches(FOCUSABLE)) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
  el.focus({ preventScroll: true });
  return document.activeElement === el;
}
