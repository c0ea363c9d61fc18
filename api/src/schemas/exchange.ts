import { z } from 'zod';
import { FIRST_DATE, isoDateTime, LAST_DATE } from './common.ts';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const importBody = z.object({
  format: z.enum(['csv', 'json']),
  /** The file's content; a row with a control character is refused by its line, not here. */
  content: z.string().min(1, 'the file is empty').max(MAX_IMPORT_BYTES),
  dryRun: z.boolean().default(true),
});

export const importResponse = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  redacted: z.object({ rows: z.number().int(), byKind: z.record(z.string(), z.number()) }),
  created: z.object({ meetings: z.number().int(), questions: z.number().int() }),
});

export const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv') });

/**
 * A digest covers one fixed period, a month, a quarter or a year, never a range of days: two overlapping
 * ranges could be subtracted into a count the k rule hides.
 */
export const digestQuery = z.object({
  period: z
    .string()
    .regex(
      /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/,
      'must be a quarter (2026-Q3), a month (2026-09) or a year (2026)',
    )
    .refine(
      (key) =>
        key.slice(0, 4) >= FIRST_DATE.slice(0, 4) && key.slice(0, 4) <= LAST_DATE.slice(0, 4),
      `must fall between ${FIRST_DATE.slice(0, 4)} and ${LAST_DATE.slice(0, 4)}`,
    )
    .optional()
    .describe('Default: the last complete quarter'),
  format: z.enum(['md', 'json']).default('json'),
});

const auditCursor = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
    const parsed = z.object({ at: isoDateTime, id: z.uuid() }).safeParse({ at, id });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be a `next` value from an earlier page' });
      return z.NEVER;
    }
    return { at: new Date(parsed.data.at), id: parsed.data.id };
  });

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` of the page before. */
  after: auditCursor.optional(),
});

export function auditCursorOf(entry: { at: Date; id: string }): string {
  return Buffer.from(`${entry.at.toISOString()}|${entry.id}`, 'utf8').toString('base64url');
}

export const auditResponse = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      at: z.string(),
      actorEmail: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
  /** Pass as `after` for the next page; null on the last one. */
  next: z.string().nullable(),
});

export type ImportReportDto = z.infer<typeof importResponse>;
