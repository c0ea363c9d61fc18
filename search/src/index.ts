export * from './documents.ts';
export * from './launcher.ts';
export * from './query.ts';
export * from './reindex.ts';
export * from './service.ts';
export * from './settings.ts';
export * from './sync.ts';
export * from './transport.ts';
