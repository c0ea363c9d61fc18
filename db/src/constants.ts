// Enum tuples shared by table columns, zod schemas and the web app.
export const roles = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const questionStatuses = ['open', 'answered', 'archived'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const categoryAxes = ['tone', 'topic'] as const;
export type CategoryAxis = (typeof categoryAxes)[number];

export const outboxOperations = ['upsert', 'delete'] as const;
export type OutboxOperation = (typeof outboxOperations)[number];

export const answerStatuses = ['open', 'answered', 'follow-up', 'wont-answer'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export const weekCountScopes = ['all', 'category', 'theme'] as const;
export type WeekCountScope = (typeof weekCountScopes)[number];

export const dataVersionNames = ['week_counts', 'group_names', 'roster', 'themes'] as const;
export type DataVersionName = (typeof dataVersionNames)[number];
