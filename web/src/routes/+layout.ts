// A single-page app: the API serves the built files, nothing is rendered on a server.
import { apiClient } from '$lib/api.ts';
import { loadFailure } from '$lib/errors.ts';
import { session } from '$lib/session.svelte.ts';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

/**
 * Who is signed in, asked before the first page shows (and on "Try again" after a failure); signing
 * in and out set it from then on. Pages' loads run beside it: one that needs the role awaits
 * `parent()` first.
 */
export const load: LayoutLoad = async (event) => {
  // Nobody need be signed in to sign in; signing in fills the session itself.
  if (session.user || event.untrack(() => event.url.pathname.startsWith('/login'))) {
    return { failure: null };
  }
  try {
    session.user = (await apiClient(event.fetch).me()).user;
    return { failure: null };
  } catch (error) {
    return { failure: loadFailure(event, error, 'The server could not be reached.').message };
  }
};
