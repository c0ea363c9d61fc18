// Who is signed in, shared by every page: filled by the root layout's load and by signing in.
import type { User } from './api.ts';

export const session = $state<{ user: User | null }>({ user: null });

export const canCapture = (user: User | null) => user?.role === 'admin' || user?.role === 'editor';

/** The sign-in page, coming back to this address afterwards. */
export const signInPath = (url: URL) =>
  `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
