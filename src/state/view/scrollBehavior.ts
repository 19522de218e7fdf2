// How the app scrolls something into view: smoothly, unless the person asked their system for less motion
// (prefers-reduced-motion), then at once. Every scrollIntoView of the app takes its behaviour from here.

/** 'smooth', or 'auto' (instant) where the system asks for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
