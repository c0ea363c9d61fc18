import { answerStatuses } from '@kb/db/constants';
import { z } from 'zod';
import { isoDate, text } from './common.ts';

export const answerSchema = z.object({
  id: z.uuid(),
  themeId: z.uuid().nullable(),
  questionId: z.uuid().nullable(),
  body: z.string(),
  status: z.enum(answerStatuses),
  ownerId: z.uuid().nullable(),
  answeredIn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  reviewBy: z.string().nullable(),
  updatedAt: z.string(),
  stale: z.boolean(),
});

export const answerBody = z.object({
  /** Markdown. */
  body: text().max(20_000, 'must have at most 20,000 characters').default(''),
  status: z.enum(answerStatuses),
  ownerId: z.uuid().nullable().default(null),
  answeredIn: text().trim().max(120).nullable().default(null),
  answeredOn: isoDate.nullable().default(null),
  reviewBy: isoDate.nullable().default(null),
});

export const answerResponse = z.object({ answer: answerSchema });

/** Who may own an answer (admins and editors), for the answer form's owner field. */
export const answerOwnersResponse = z.object({
  owners: z.array(z.object({ id: z.uuid(), email: z.string() })),
});

export type AnswerDto = z.infer<typeof answerSchema>;
