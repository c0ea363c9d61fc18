import { z } from 'zod';
import { text } from './common.ts';

/** Longest question the product accepts; long enough for a paragraph of notes. */
export const MAX_QUESTION_LENGTH = 2000;

export const questionText = text()
  .trim()
  .min(3, 'must have at least 3 characters')
  .max(MAX_QUESTION_LENGTH, `must have at most ${MAX_QUESTION_LENGTH} characters`);

export const previewBody = z.object({
  text: text().max(MAX_QUESTION_LENGTH, `must have at most ${MAX_QUESTION_LENGTH} characters`),
});

export const redactionSpanSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  kind: z.enum(['name', 'email', 'phone', 'url', 'handle', 'id']),
  placeholder: z.string(),
});

export const redactionWarningSchema = z.object({
  kind: z.string(),
  message: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** For a combination of details that together fit few people: where each of them is. */
  parts: z
    .array(z.object({ kind: z.string(), start: z.number().int(), end: z.number().int() }))
    .optional(),
  /** For a combination: the question as it would be stored, with each detail made coarser. */
  suggestion: z.string().optional(),
});

export const previewResponse = z.object({
  text: z.string(),
  spans: z.array(redactionSpanSchema),
  warnings: z.array(redactionWarningSchema),
});
export type RedactionPreviewDto = z.infer<typeof previewResponse>;
