// The projection's types and limits, apart from projection.ts so that the main thread can read them
// without bundling umap-js (which only the projection worker needs).

export type ProjectionMethod = 'pca' | 'umap';

/** Rows of a matrix in one Float32Array: row i at [i * dim, (i + 1) * dim). */
export interface Rows {
  data: Float32Array;
  n: number;
  dim: number;
}

export type ProjectionStage = 'neighbours' | 'layout' | 'pca';

/** UMAP needs a few points; with fewer, the map says so (PCA works from one). */
export const UMAP_MIN_POINTS = 3;
