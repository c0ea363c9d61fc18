export * from './cluster.ts';
export * from './describe.ts';
export * from './metrics.ts';
export * from './text.ts';
export * from './vectors.ts';
export * from './recompute.ts';
