import { z } from 'zod';
import { isoDate, text } from './common.ts';
import { themeRetirementSchema } from './themes.ts';

const packItem = z.union([
  z.object({ themeId: z.uuid(), draftAnswer: text().max(20_000).default('') }),
  z.object({ questionId: z.uuid(), draftAnswer: text().max(20_000).default('') }),
]);

export const createPackBody = z.object({
  name: text().trim().min(1).max(120),
  eventOn: isoDate.nullable().default(null),
  /** Start from the product's proposal: rising and most recurring unanswered themes. */
  propose: z.boolean().default(true),
});

export const updatePackBody = z
  .object({
    name: text().trim().min(1).max(120).optional(),
    eventOn: isoDate.nullable().optional(),
    /** The whole ordered list; replaces what the pack held. */
    items: z.array(packItem).max(100).optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'send at least one field to change',
  );

const entrySchema = z.object({
  kind: z.enum(['theme', 'question']),
  id: z.uuid(),
  title: z.string(),
  questions: z.array(z.string()),
  categories: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      colour: z.string(),
      axis: z.enum(['tone', 'topic']),
    }),
  ),
  draftAnswer: z.string(),
  answerStatus: z.string().nullable(),
  /** The entry's theme was merged or retired: when, and where its questions went. */
  retired: themeRetirementSchema.nullable(),
});

export const packSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  eventOn: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  entries: z.array(entrySchema),
});

export const packResponse = z.object({ pack: packSchema });
export const packsResponse = z.object({
  packs: z.array(packSchema.omit({ entries: true })),
});

export const exportFormatQuery = z.object({ format: z.enum(['md', 'csv', 'json']).default('md') });

export type PackDto = z.infer<typeof packSchema>;
export type PackEntryDto = PackDto['entries'][number];
