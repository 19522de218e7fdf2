// Projecting chunk vectors to 2D for the embedding map: PCA (the two directions of greatest variance,
// packages/core/src/pca2d.ts) or UMAP (umap-js, seeded: the same vectors and seed give the same picture). A
// Projector is fitted once on the map's points, then places other vectors (the question, hits that were
// not sampled) in the same picture: PCA projects them on its axes, UMAP uses its transform.
import { UMAP } from 'umap-js';
import { fitPca2d, projectPca2d, seededRandom } from '@openbook/core/pca2d';

import { UMAP_MIN_POINTS, type ProjectionMethod, type ProjectionStage, type Rows } from './projectionTypes';

export { UMAP_MIN_POINTS, type ProjectionMethod, type ProjectionStage, type Rows } from './projectionTypes';

export interface FitResult {
  /** x, y interleaved, one pair per row. */
  coords: Float32Array;
  /** PCA: share of the variance along x and y. */
  explained: [number, number] | null;
}

/** PCA's axes are fitted on at most this many of the map's points. */
export const PCA_FIT_ROWS = 2000;
const UMAP_NEIGHBOURS = 15;

export class Projector {
  private pca: ReturnType<typeof fitPca2d> | null = null;
  private umap: UMAP | null = null;
  private rng: () => number = Math.random;
  private seed = 1;
  private dim = 0;

  constructor(readonly method: ProjectionMethod) {}

  /** Fit on these rows; onProgress reports the stage and, for UMAP's layout, epochs done of total. */
  fit(rows: Rows, seed: number, onProgress?: (stage: ProjectionStage, done: number, total: number) => void): FitResult {
    this.seed = seed;
    this.dim = rows.dim;
    if (this.method === 'pca') {
      // Fitted on up to PCA_FIT_ROWS evenly spaced rows (the axes of 2,000 chunks are as good as those
      // of 5,000 for a picture, at 2/5 of the cost); every row is then projected.
      const fit = everyNth(rows, PCA_FIT_ROWS);
      this.pca = fitPca2d(fit.data, fit.n, fit.dim, { seed, onProgress: (done, total) => onProgress?.('pca', done, total) });
      return { coords: projectPca2d(this.pca, rows.data, rows.n), explained: this.pca.explained };
    }
    if (rows.n < UMAP_MIN_POINTS) throw new Error(`UMAP needs at least ${UMAP_MIN_POINTS} points, got ${rows.n}`);
    this.rng = seededRandom(seed);
    this.umap = new UMAP({
      nComponents: 2,
      nNeighbors: Math.min(UMAP_NEIGHBOURS, rows.n - 1),
      random: () => this.rng(),
    });
    onProgress?.('neighbours', 0, 1);
    const epochs = this.umap.initializeFit(toArrays(rows));
    const every = Math.max(1, Math.floor(epochs / 50));
    for (let e = 0; e < epochs; e++) {
      this.umap.step();
      if (e % every === 0 || e === epochs - 1) onProgress?.('layout', e + 1, epochs);
    }
    const embedding = this.umap.getEmbedding();
    return { coords: interleave(embedding), explained: null };
  }

  /** Place more rows in the fitted picture (the same result for the same rows, whatever came before). */
  transform(rows: Rows): Float32Array {
    if (rows.n === 0) return new Float32Array(0);
    if (rows.dim !== this.dim) throw new Error(`dimension mismatch: the map has ${this.dim}, got ${rows.dim}`);
    if (this.pca) return projectPca2d(this.pca, rows.data, rows.n);
    if (!this.umap) throw new Error('nothing fitted yet');
    this.rng = seededRandom(this.seed + 1);
    return interleave(this.umap.transform(toArrays(rows)));
  }
}

/** At most `cap` rows, evenly spaced (all of them when there are no more than cap). */
function everyNth(rows: Rows, cap: number): Rows {
  if (rows.n <= cap) return rows;
  const data = new Float32Array(cap * rows.dim);
  for (let j = 0; j < cap; j++) {
    const r = Math.floor((j * rows.n) / cap);
    data.set(rows.data.subarray(r * rows.dim, (r + 1) * rows.dim), j * rows.dim);
  }
  return { data, n: cap, dim: rows.dim };
}

function toArrays(rows: Rows): number[][] {
  return Array.from({ length: rows.n }, (_, r) => Array.from(rows.data.subarray(r * rows.dim, (r + 1) * rows.dim)));
}

function interleave(points: number[][]): Float32Array {
  const out = new Float32Array(points.length * 2);
  points.forEach((p, i) => {
    out[2 * i] = p[0]!;
    out[2 * i + 1] = p[1]!;
  });
  return out;
}
