export * from './cluster.ts';
export * from './describe.ts';
export * from './grouping.ts';
export * from './vectors.ts';
export * from './recompute.ts';
export * from './placement.ts';
export * from './service.ts';
