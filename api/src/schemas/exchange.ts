import { z } from 'zod';
import { isoDate, isoDateTime } from './common.ts';

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

export const digestQuery = z
  .object({ from: isoDate, to: isoDate, format: z.enum(['md', 'json']).default('json') })
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] });

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: isoDateTime.optional(),
});

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
});

export type ImportReportDto = z.infer<typeof importResponse>;
