// One colour per document on the embedding map: a 10-colour palette that stays distinguishable (Tableau
// 10), then evenly spread hues for more documents.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function documentColor(position: number): string {
  if (position < PALETTE.length) return PALETTE[position]!;
  const hue = Math.round((position * 137.508) % 360);
  return `hsl(${hue} 60% 48%)`;
}
