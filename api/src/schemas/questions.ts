import { categoryAxes, questionStatuses } from '@kb/db/constants';
import { z } from 'zod';
import { categorySlug } from './categories.ts';
import { isoDate, pageQuery } from './common.ts';
import { questionText } from './redactions.ts';

export const questionStatusSchema = z.enum(questionStatuses);

/**
 * When a question was asked, as a reader may know it: a month, a quarter or a run of quarters that
 * holds at least k meetings (see `api/src/domain/periods.ts`).
 */
export const periodSchema = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
});

/** A question as readers see it: no meeting, no week; nothing that ties it to the others of its 1:1. */
export const questionSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  period: periodSchema,
  status: questionStatusSchema,
  themeId: z.uuid().nullable(),
  categories: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      colour: z.string(),
      axis: z.enum(categoryAxes),
    }),
  ),
});
export type QuestionDto = z.infer<typeof questionSchema>;

export const listQuestionsQuery = pageQuery
  .extend({
    category: categorySlug.optional(),
    status: questionStatusSchema.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after `to`',
    path: ['from'],
  });

export const questionListResponse = z.object({
  items: z.array(questionSchema),
  /** Null when the questions listed come from fewer than k meetings: a count would say how few. */
  total: z.number().int().nullable(),
  /** Whether a later page holds more. */
  more: z.boolean(),
  page: z.number().int(),
  limit: z.number().int(),
});

/** How many categories one question may carry, in a capture, an edit or an import. */
export const MAX_CATEGORIES = 12;

export const questionCategoriesField = z
  .array(categorySlug)
  .max(MAX_CATEGORIES, `at most ${MAX_CATEGORIES} categories`)
  .refine((slugs) => new Set(slugs).size === slugs.length, 'must not repeat a category');

export const updateQuestionBody = z
  .object({
    text: questionText.optional(),
    status: questionStatusSchema.optional(),
    categories: questionCategoriesField.optional(),
    /** Moves the question to another theme (curation). */
    themeId: z.uuid().optional(),
  })
  .refine(
    (body) => Object.values(body).some((v) => v !== undefined),
    'send at least one field to change',
  );

export const questionResponse = z.object({ question: questionSchema });

export type QuestionListDto = z.infer<typeof questionListResponse>;
