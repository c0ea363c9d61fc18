// What the web app may import: the API's schemas and the types inferred from them. The web imports
// types only, so none of the server's code reaches the browser.
import type { z } from 'zod';

export * from './schemas/index.ts';

/** What a client may send to a schema: defaults optional, before any transform. */
export type Input<S extends z.ZodType> = z.input<S>;

/** What a response schema lets through, as the client receives it. */
export type Output<S extends z.ZodType> = z.output<S>;

/**
 * What a client may put in a query string checked by the schema: its input, except that a coerced
 * field (whose input is `unknown`, as anything is a string on the wire) takes what it becomes.
 */
export type QueryInput<S extends z.ZodType> = {
  [K in keyof z.input<S>]: unknown extends z.input<S>[K]
    ? K extends keyof z.output<S>
      ? z.output<S>[K]
      : never
    : z.input<S>[K];
};
