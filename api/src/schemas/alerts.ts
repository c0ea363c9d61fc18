import { z } from 'zod';
import { isoDate } from './common.ts';
import { shownCountSchema } from './themes.ts';

export const alertsQuery = z.object({
  /** Evaluate as of this date instead of today (to look back at a past period). */
  at: isoDate.optional(),
});

export const alertSchema = z.object({
  kind: z.enum(['rising', 'new-theme']),
  by: z.enum(['category', 'theme']),
  key: z.string(),
  name: z.string(),
  count: shownCountSchema,
  /** Null when the count comes from fewer than k meetings. */
  expected: z.number().nullable(),
  pValue: z.number().nullable(),
  /** Questions in the running week, which the window leaves out until it is over. */
  soFarThisWeek: shownCountSchema,
  message: z.string(),
});

export const alertsResponse = z.object({
  /** The last complete weeks. */
  window: z.object({ from: z.string(), to: z.string(), weeks: z.number().int() }),
  /** The running week (its Monday), reported as "so far this week". */
  thisWeek: z.object({ from: z.string() }),
  alerts: z.array(alertSchema),
});
