import { searchSorts } from '@kb/search/query';
import { z } from 'zod';
import { categorySlug } from './categories.ts';
import { isoDate, text } from './common.ts';
import { periodSchema, questionStatusSchema } from './questions.ts';
import { MAX_QUESTION_LENGTH } from './redactions.ts';

export const MAX_QUERY_LENGTH = 200;

export const searchQuery = z
  .object({
    q: text().max(MAX_QUERY_LENGTH, `must have at most ${MAX_QUERY_LENGTH} characters`).default(''),
    category: z
      .union([categorySlug, z.array(categorySlug).max(20)])
      .optional()
      .transform((c) => (c === undefined ? undefined : Array.isArray(c) ? c : [c])),
    status: questionStatusSchema.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sort: z.enum(searchSorts).optional(),
    page: z.coerce.number().int().min(1).max(500).default(1),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after `to`',
    path: ['from'],
  });

export const searchResponse = z.object({
  hits: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      highlight: z.array(z.object({ text: z.string(), match: z.boolean() })),
      categories: z.array(z.string()),
      status: z.string(),
      period: periodSchema,
      /** The question's theme and the answer written for it, so hits of one theme read together. */
      theme: z
        .object({
          id: z.uuid(),
          name: z.string(),
          answer: z.object({ body: z.string(), status: z.string() }).nullable(),
        })
        .nullable(),
    }),
  ),
  /** Null when fewer than k questions match: the hits are there, a count is not. */
  total: z.number().int().nullable(),
  /** Whether a later page holds more. */
  more: z.boolean(),
  page: z.number().int(),
  limit: z.number().int(),
  /**
   * Matches per category and status; null where fewer than k match, or where the category holds
   * fewer than k meetings in the period searched.
   */
  facets: z.object({
    categories: z.record(z.string(), z.number().nullable()),
    status: z.record(z.string(), z.number().nullable()),
  }),
  k: z.number().int(),
  processingTimeMs: z.number(),
  /** Postgres answered because the search engine could not: matches are exact words then. */
  fallback: z.boolean(),
});

export const similarBody = z.object({
  text: text()
    .trim()
    .min(3, 'must have at least 3 characters')
    .max(MAX_QUESTION_LENGTH, `must have at most ${MAX_QUESTION_LENGTH} characters`),
  limit: z.number().int().min(1).max(20).default(5),
});

export const similarQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

export const similarResponse = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      categories: z.array(z.string()),
      period: periodSchema,
      score: z.number(),
      theme: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  ),
  suggestedCategories: z.array(z.object({ slug: z.string(), score: z.number() })),
});

export type SearchResultDto = z.infer<typeof searchResponse>;
export type SimilarResultDto = z.infer<typeof similarResponse>;
