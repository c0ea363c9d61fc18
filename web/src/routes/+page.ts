import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/api.ts';
import { loadFailure } from '$lib/errors.ts';
import { canCapture, session } from '$lib/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:categories');
  // Capturing works without the categories: their failure is shown beside the form, not instead.
  const categories = apiClient(event.fetch)
    .categories()
    .then(
      (r) => ({ categories: r.categories, failure: null }),
      (error: unknown) => ({
        categories: [],
        failure: loadFailure(event, error, 'Categories could not be loaded.').message,
      }),
    );
  const [data] = await Promise.all([categories, event.parent()]);
  if (!canCapture(session.user)) redirect(307, '/questions');
  return data;
};
