// The one place a failure becomes what a person reads: a sentence, the fields it concerns, and what
// a load does with it (sign in again, or show the page's error).
import { error as pageError, redirect, type LoadEvent } from '@sveltejs/kit';
import { ApiError, type FieldError } from './api.ts';
import { signInPath } from './session.svelte.ts';

export interface Failure {
  /** The HTTP status, or 0 when no answer came (offline, or a fault in the page itself). */
  status: number;
  title: string;
  /** The sentence to show. */
  message: string;
  /** Quoted to whoever looks at the server's logs. */
  requestId: string | null;
  /** Field errors whose path is the prefix or starts with it, e.g. "body.questions.1". */
  fieldErrors: (prefix: string) => FieldError[];
}

/** Sentences for particular statuses, where the page knows better than the server's detail. */
export type StatusMessages = Partial<Record<number, string>>;

/**
 * What to show for a failure: the server's detail for an API error (a page may word some statuses
 * itself), the fallback for anything else, so no internal message reaches the screen.
 */
export function describeError(
  error: unknown,
  fallback = 'That did not work.',
  messages: StatusMessages = {},
): Failure {
  const apiError = error instanceof ApiError ? error : null;
  const status = apiError?.status ?? 0;
  const errors = apiError?.errors ?? [];
  return {
    status,
    title: apiError?.title ?? 'Error',
    message: messages[status] ?? apiError?.detail ?? fallback,
    requestId: apiError?.requestId ?? null,
    fieldErrors: (prefix) =>
      errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`)),
  };
}

/** Where the load is: enough to come back to it after signing in. */
type LoadPlace = Pick<LoadEvent, 'url' | 'untrack'>;

/** A load's failed request as the page shows it; a lapsed session goes to sign-in instead. */
export function loadFailure(
  event: LoadPlace,
  error: unknown,
  fallback: string,
  messages: StatusMessages = {},
): Failure {
  const failure = describeError(error, fallback, messages);
  if (failure.status === 401) {
    // Untracked: where to come back to must not make the load run again on every change of the URL.
    const comeBack = event.untrack(() => signInPath(event.url));
    redirect(307, comeBack);
  }
  return failure;
}

/**
 * For a load's `.catch` when the page cannot show without the data: the failure becomes the page's
 * error (shown by +error.svelte) in the page's own words.
 */
export function failLoad(event: LoadPlace, fallback: string, messages: StatusMessages = {}) {
  return (error: unknown): never => {
    const { status, message } = loadFailure(event, error, fallback, messages);
    pageError(status >= 400 && status <= 599 ? status : 503, { message });
  };
}
