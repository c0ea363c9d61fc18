export * from './client.ts';
export * from './constants.ts';
export * from './schema/index.ts';
export * from './queries/index.ts';
export * from './queries/events.ts';
export * from './errors.ts';
export * from './weeks.ts';
