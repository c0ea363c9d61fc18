import { z } from 'zod';

export const uuidParam = z.object({
  id: z.uuid({ version: 'v4', error: 'must be a question, user or category id (UUID)' }),
});

/** A calendar date as YYYY-MM-DD that really exists (no 2026-02-30). */
export const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  503: problemSchema,
};

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
