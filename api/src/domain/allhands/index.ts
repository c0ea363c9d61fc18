// All-hands Q&A: importing an event's questions, matching them to the 1:1 themes, and its report.
export * from './anticipation.ts';
export * from './columns.ts';
export * from './files.ts';
export * from './report.ts';
export * from './rows.ts';
export * from './service.ts';
