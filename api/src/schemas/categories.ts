import { categoryAxes } from '@kb/db/constants';
import { z } from 'zod';
import { text } from './common.ts';

export const categorySlug = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes');

export const categorySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  colour: z.string(),
  axis: z.enum(categoryAxes),
  position: z.number().int(),
});
export type CategoryDto = z.infer<typeof categorySchema>;

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
  .transform((c) => c.toLowerCase());

export const createCategoryBody = z.object({
  slug: categorySlug,
  name: text().trim().min(1).max(60),
  description: text().trim().max(500).default(''),
  colour,
  axis: z.enum(categoryAxes),
  position: z.number().int().min(0).max(1000).default(0),
});

export const updateCategoryBody = createCategoryBody
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const categoriesResponse = z.object({ categories: z.array(categorySchema) });
export const categoryResponse = z.object({ category: categorySchema });
