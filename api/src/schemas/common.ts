import { z } from 'zod';

export const uuidParam = z.object({
  id: z.uuid({ version: 'v4', error: 'must be a question, user or category id (UUID)' }),
});

// C0 and C1 control characters (Unicode's Cc) but tab, line feed and carriage return: Postgres
// refuses NUL in text, and the others only arrive by accident or to confuse whatever displays the
// text later. Spelt as ranges: the same characters as \p{Cc} without them, three times faster to
// test, and an import tests every field of every row.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const hasControlCharacter = (value: string) => CONTROL_CHARACTER.test(value);

/**
 * Text somebody typed, as every request schema takes it: a string without control characters
 * (multi-line text keeps its line breaks and tabs). Chain trim, min and max as for `z.string()`.
 */
export const text = () =>
  z.string().refine((value) => !hasControlCharacter(value), 'must not contain control characters');

// The days the product stores and computes weeks for: year 0 and its like break Postgres and the
// week arithmetic, and no 1:1, answer or all-hands falls outside them.
export const FIRST_DATE = '1990-01-01';
export const LAST_DATE = '2100-12-31';

/** The day (YYYY-MM-DD) falls within FIRST_DATE..LAST_DATE. */
export const isWithinDateRange = (day: string) => day >= FIRST_DATE && day <= LAST_DATE;

const dateRangeMessage = `must be between ${FIRST_DATE} and ${LAST_DATE}`;

/** A calendar date as YYYY-MM-DD that really exists (no 2026-02-30), from 1990 to 2100. */
export const isoDate = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isWithinDateRange, dateRangeMessage);

/** An instant in ISO 8601 with a time zone offset, on a day (in UTC) that `isoDate` accepts. */
export const isoDateTime = z.iso
  .datetime({ offset: true, error: 'must be a date and time in ISO 8601', abort: true })
  .refine((value) => {
    const instant = new Date(value);
    return (
      !Number.isNaN(instant.getTime()) && isWithinDateRange(instant.toISOString().slice(0, 10))
    );
  }, dateRangeMessage);

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  503: problemSchema,
};

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
