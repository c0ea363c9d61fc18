import { z } from 'zod';
import { answerSchema } from './answers.ts';
import { isoDate, text } from './common.ts';

export const shownCountSchema = z.object({
  count: z.number().int().nullable(),
  display: z.string(),
  suppressed: z.boolean(),
});

export const themeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  pinned: z.boolean(),
  questions: shownCountSchema,
  meetings: shownCountSchema,
  /** Hidden with the counts when the theme holds fewer than k meetings. */
  firstWeek: z.string().nullable(),
  lastWeek: z.string().nullable(),
  centralQuestion: z.object({ id: z.uuid(), text: z.string() }).nullable(),
  answer: answerSchema.nullable(),
});

export const themesResponse = z.object({ themes: z.array(themeSchema), k: z.number().int() });

export const themeDetailResponse = z.object({
  theme: themeSchema,
  questions: z.array(
    z.object({ id: z.uuid(), text: z.string(), week: z.string(), status: z.string() }),
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

export const recomputeResponse = z.object({
  questions: z.number().int(),
  themes: z.number().int(),
  pinnedQuestions: z.number().int(),
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
});

export type ThemeDto = z.infer<typeof themeSchema>;
export type ShownCountDto = z.infer<typeof shownCountSchema>;
export type TrendsDto = z.infer<typeof trendsResponse>;
