import { z } from 'zod';
import { answerSchema } from './answers.ts';
import { isoDate, text } from './common.ts';
import { periodSchema } from './questions.ts';

export const shownCountSchema = z.object({
  count: z.number().int().nullable(),
  display: z.string(),
  suppressed: z.boolean(),
});

/** How a retired theme ended: merged (by an editor or a recompute) into a live one, or emptied. */
export const themeRetirementSchema = z.object({
  /** The day it was retired. */
  on: z.string(),
  /** The live theme that holds its questions now; null when none does. */
  mergedInto: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

export const themeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  pinned: z.boolean(),
  questions: shownCountSchema,
  meetings: shownCountSchema,
  /** The periods of its first and last question; hidden with the counts under k meetings. */
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  centralQuestion: z.object({ id: z.uuid(), text: z.string() }).nullable(),
  /** The answer written for it, or else one written for a theme merged into it. */
  answer: answerSchema.nullable(),
  /** Null while the theme is live. */
  retired: themeRetirementSchema.nullable(),
});

/** Themes come a page at a time: an installation can hold tens of thousands. */
export const themesQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const themesResponse = z.object({
  themes: z.array(themeSchema),
  k: z.number().int(),
  /** Live themes in all, and how many of them are answered (how many themes there are is no count about a 1:1). */
  total: z.number().int(),
  answered: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  more: z.boolean(),
});

export const themeDetailResponse = z.object({
  theme: themeSchema,
  /** Newest period first; within a period in no order that says when or with whom. */
  questions: z.array(
    z.object({ id: z.uuid(), text: z.string(), period: periodSchema, status: z.string() }),
  ),
});

export const updateThemeBody = z
  .object({
    name: text().trim().min(1).max(120).nullable().optional(),
    pinned: z.boolean().optional(),
  })
  .refine((b) => b.name !== undefined || b.pinned !== undefined, 'send name or pinned');

export const mergeThemesBody = z.object({
  themeIds: z
    .array(z.uuid())
    .min(1, 'name at least one theme to merge in')
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a theme'),
});

export const splitThemeBody = z.object({
  /** Questions of the theme to move into a new theme; at least one must stay. */
  questionIds: z
    .array(z.uuid())
    .min(1, 'choose at least one question to split off')
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a question'),
  /** The new theme's name; without it the theme is described from its questions. */
  name: text().trim().min(1).max(120).optional(),
});

export const splitThemeResponse = z.object({
  /** The theme that was split, with the questions it kept. */
  theme: themeSchema,
  /** The new theme holding the chosen questions. */
  created: themeSchema,
});

export const recomputeResponse = z.object({
  questions: z.number().int(),
  themes: z.number().int(),
  pinnedQuestions: z.number().int(),
  kept: z.number().int(),
  created: z.number().int(),
  retired: z.number().int(),
  searchUpdates: z.number().int(),
  seconds: z.number(),
});

export const trendsQuery = z
  .object({
    by: z.enum(['category', 'theme']).default('category'),
    bucket: z.enum(['week', 'month']).default('month'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    keys: text()
      .max(4000)
      .transform((value) => value.split(',').filter(Boolean))
      .pipe(z.array(z.string().max(100)).max(50))
      .optional()
      .describe('Only these series: category slugs or theme ids, separated by commas (at most 50)'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .describe('At most this many series, those with most meetings in the period first'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after `to`',
    path: ['from'],
  });

const trendPoint = shownCountSchema.extend({ bucket: z.string(), share: z.number().nullable() });

export const trendsResponse = z.object({
  by: z.enum(['category', 'theme']),
  bucket: z.enum(['week', 'month']),
  k: z.number().int(),
  buckets: z.array(z.string()),
  totals: z.array(trendPoint),
  series: z.array(z.object({ key: z.string(), name: z.string(), points: z.array(trendPoint) })),
  /** Whether `limit` left series out. */
  more: z.boolean(),
});

export type ThemeDto = z.infer<typeof themeSchema>;
export type ThemeRetirementDto = z.infer<typeof themeRetirementSchema>;
export type ShownCountDto = z.infer<typeof shownCountSchema>;
export type TrendsDto = z.infer<typeof trendsResponse>;
