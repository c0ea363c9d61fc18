export { buildApp, type AppOptions } from './app.ts';
export { loadConfig, type Config } from './config.ts';

// What the benchmarks and evaluation commands of @kb/tools drive: the domain as the product runs it.
export { systemActor } from './domain/actor.ts';
export { defaultAlertOptions, evaluateWindow, type AlertOptions } from './domain/alerts/rule.ts';
export { AnticipationModel, type OneOnOneQuestion } from './domain/allhands/anticipation.ts';
export { captureMeeting } from './domain/capture.ts';
export { defaultCategories } from './domain/default-categories.ts';
export { importQuestions } from './domain/import.ts';
export { compileRoster, redact } from './domain/redaction/index.ts';
export * from './domain/themes/index.ts';
export { seededRandom } from './domain/themes/random.ts';
export { createUser } from './domain/users.ts';
export { refreshWeekCounts } from './domain/week-counts.ts';
