// The errors the domain throws, with no web framework in sight: the CLI and tests use them as they
// are, and api/src/errors.ts turns them into problem+json.

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'misdirected'
  | 'not-found'
  | 'conflict'
  | 'unknown-category'
  | 'payload-too-large'
  | 'headers-too-large'
  | 'request-timeout'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

/** The stable title each code is shown with, whatever the detail says. */
export const errorTitles: Record<ErrorCode, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign in first',
  forbidden: 'Your role does not allow this',
  misdirected: 'Unknown host name',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'unknown-category': 'Unknown category',
  'payload-too-large': 'The request body is too large',
  'headers-too-large': 'The URL or headers are too large',
  'request-timeout': 'The request took too long to arrive',
  'unsupported-media-type': 'Unsupported media type',
  'rate-limited': 'Too many requests',
  unavailable: 'Temporarily unavailable',
  internal: 'Something went wrong on our side',
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

/** A refusal that passes by itself: the answer says when, in its detail and in Retry-After. */
export class RetryLaterError extends AppError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate-limited', 429, detail);
  }
}

export const notFound = (what: string) => new AppError('not-found', 404, `${what} does not exist.`);

/** The error or one of its causes carries one of these codes (driver errors nest their cause). */
export function hasErrorCode(error: unknown, codes: ReadonlySet<string>): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A unique constraint refused the write (Postgres 23505). */
export const isUniqueViolation = (error: unknown) => hasErrorCode(error, new Set(['23505']));
