import { z } from 'zod';

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    status: z.enum(['ok', 'unavailable']),
    kind: z.enum(['postgres', 'pglite']),
  }),
  search: z.object({
    status: z.enum(['ok', 'unavailable', 'off']),
    /** Changes not yet in the index, and the age of the oldest one. */
    pendingChanges: z.number().int().nullable(),
    lagSeconds: z.number().nullable(),
    /**
     * The engine this server started and supervises itself (the embedded default): whether it
     * runs and how often it had to be started again. Null for an engine run elsewhere.
     */
    engine: z
      .object({ supervised: z.literal(true), running: z.boolean(), restarts: z.number().int() })
      .nullable(),
  }),
});
