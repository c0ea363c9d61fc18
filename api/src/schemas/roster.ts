import { z } from 'zod';
import { text } from './common.ts';

export const rosterEntrySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
});

export const createRosterBody = z.object({
  name: text()
    .trim()
    .min(2, 'must have at least 2 characters')
    .max(120)
    .regex(/\p{L}/u, 'must contain a letter'),
});

export const rosterResponse = z.object({ entries: z.array(rosterEntrySchema) });
export const rosterEntryResponse = z.object({ entry: rosterEntrySchema });
