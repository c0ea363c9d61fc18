export * from './audit.ts';
export * from './categories.ts';
export * from './outbox.ts';
export * from './questions.ts';
export * from './roster.ts';
export * from './users.ts';
export * from './settings.ts';
