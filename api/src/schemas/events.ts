import { z } from 'zod';
import { isoDate, text } from './common.ts';
import { shownCountSchema } from './themes.ts';

/** The largest upload, decoded (api/src/domain/allhands/files.ts refuses larger with a 413). */
export const MAX_EVENT_FILE_MB = 5;
/** Base64 of that, and room for the rest of the body. */
export const EVENT_BODY_LIMIT = Math.ceil((MAX_EVENT_FILE_MB * 1024 * 1024) / 3) * 4 + 64 * 1024;

export const eventFileSchema = z.object({
  /** The file's name, which tells a .txt list from a .csv export. */
  name: text().trim().max(255).default(''),
  /** The file's bytes in base64. */
  content: z.base64({ error: 'must be the file in base64' }).min(1, 'the file is empty'),
});

const columnName = text().max(300);

export const columnMappingSchema = z.object({
  question: columnName,
  votes: columnName.optional(),
  date: columnName.optional(),
  labels: columnName.optional(),
  answered: columnName.optional(),
});

export const eventPreviewBody = z.object({
  file: eventFileSchema,
  /** Without one, the mapping the headers suggest. */
  mapping: columnMappingSchema.optional(),
});

export const eventPreviewResponse = z.object({
  source: z.enum(['csv', 'xlsx', 'text']),
  columns: z.array(
    z.object({
      name: z.string(),
      /** What the header names; `personal` columns say who asked and are never read. */
      detected: z.enum(['question', 'votes', 'date', 'labels', 'answered', 'personal']).nullable(),
    }),
  ),
  mapping: columnMappingSchema.nullable(),
  questions: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  sample: z.array(
    z.object({
      text: z.string(),
      votes: z.number().int(),
      labels: z.array(z.string()),
      answered: z.boolean().nullable(),
    }),
  ),
  suggestedDay: z.string().nullable(),
});

export const createEventBody = z.object({
  name: text().trim().min(1).max(120),
  heldOn: isoDate,
  packId: z.uuid().nullable().default(null),
  file: eventFileSchema,
  mapping: columnMappingSchema.optional(),
});

export const updateEventBody = z
  .object({
    name: text().trim().min(1).max(120).optional(),
    heldOn: isoDate.optional(),
    /** The prep pack the all-hands was prepared with; null unties it. */
    packId: z.uuid().nullable().optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'send at least one field to change',
  );

const themeRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** 1:1 questions of the theme in the event's quarter, under the k rule. */
  recent: shownCountSchema,
});

const reportQuestionSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  votes: z.number().int(),
  answered: z.boolean().nullable(),
  labels: z.array(z.string()),
  similarity: z.number(),
  anticipated: z.boolean(),
  theme: themeRefSchema.nullable(),
});

const preparedEntrySchema = z.object({
  kind: z.enum(['theme', 'question']),
  id: z.uuid(),
  title: z.string(),
  drafted: z.boolean(),
});

export const eventReportSchema = z.object({
  event: z.object({
    id: z.uuid(),
    name: z.string(),
    heldOn: z.string(),
    source: z.enum(['csv', 'xlsx', 'text']),
    pack: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.string(),
    matching: z.object({
      threshold: z.number(),
      themes: z.number().int(),
      ownMedian: z.number(),
      otherMedian: z.number(),
      ownAbove: z.number(),
      otherAbove: z.number(),
    }),
  }),
  /** The quarter of the event, which "recent" 1:1 counts cover. */
  recentWeeks: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({
    questions: z.number().int(),
    votes: z.number().int(),
    surprises: z.number().int(),
    surpriseVotes: z.number().int(),
    surpriseRate: z.number().nullable(),
    voteSurpriseRate: z.number().nullable(),
  }),
  anticipated: z.array(
    z.object({
      theme: themeRefSchema,
      votes: z.number().int(),
      questions: z.array(reportQuestionSchema),
    }),
  ),
  surprises: z.object({
    groups: z.array(
      z.object({
        title: z.string(),
        keywords: z.array(z.string()),
        questions: z.array(reportQuestionSchema),
      }),
    ),
    other: z.array(reportQuestionSchema),
  }),
  quietConcerns: z.array(
    z.object({
      theme: themeRefSchema,
      rising: z.boolean(),
      recurring: z.boolean(),
      alert: z.string().nullable(),
    }),
  ),
  pack: z
    .object({
      id: z.uuid(),
      name: z.string(),
      preparedAndAsked: z.array(
        z.object({ entry: preparedEntrySchema, questions: z.array(reportQuestionSchema) }),
      ),
      preparedNotAsked: z.array(preparedEntrySchema),
      askedNotPrepared: z.array(reportQuestionSchema),
    })
    .nullable(),
});

export const eventResponse = z.object({ event: eventReportSchema });

export const surpriseRateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  heldOn: z.string(),
  questions: z.number().int(),
  surprises: z.number().int(),
  /** Share of the questions no 1:1 theme anticipated; null for an event without questions. */
  surpriseRate: z.number().nullable(),
  votes: z.number().int(),
  surpriseVotes: z.number().int(),
  /** Share of the votes those questions drew; null when nobody voted. */
  voteSurpriseRate: z.number().nullable(),
  /** The tied prep pack's id. */
  pack: z.uuid().nullable(),
});

export const eventsResponse = z.object({ events: z.array(surpriseRateSchema) });

export const eventExportQuery = z.object({ format: z.enum(['md', 'json']).default('md') });

export type EventReportDto = z.infer<typeof eventReportSchema>;
export type EventPreviewDto = z.infer<typeof eventPreviewResponse>;
export type SurpriseRateDto = z.infer<typeof surpriseRateSchema>;
