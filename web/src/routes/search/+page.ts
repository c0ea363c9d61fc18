import { apiClient, type SearchParams } from '$lib/api.ts';
import { loadFailure } from '$lib/errors.ts';
import { canCapture, session } from '$lib/session.svelte.ts';
import type { PageLoad } from './$types';

/**
 * Results follow the URL, so a search can be shared and survives a reload. The category names and
 * the packs are read again with each query: small reads, and a pack made meanwhile shows up.
 */
export const load: PageLoad = async (event) => {
  event.depends('app:questions', 'app:categories', 'app:packs');
  const params = event.url.searchParams;
  const api = apiClient(event.fetch);
  const [search, categories, packs] = await Promise.all([
    api
      .search({
        q: params.get('q') ?? '',
        category: params.getAll('category'),
        // As the URL has them: the server refuses what it does not know.
        sort: (params.get('sort') || undefined) as SearchParams['sort'],
        status: (params.get('status') || undefined) as SearchParams['status'],
        from: params.get('from') || undefined,
        to: params.get('to') || undefined,
        page: Number(params.get('page') ?? '1') || 1,
      })
      .then(
        (result) => ({ result, failure: null }),
        // The page stays usable when search is down: the query can be changed and tried again.
        (error: unknown) => ({
          result: null,
          failure: loadFailure(event, error, 'Search failed.', {
            503: 'Search is unavailable right now. Capture and the question list keep working.',
          }).message,
        }),
      ),
    // Facet names only: slugs stand in for them when the categories cannot be read.
    api.categories().then(
      (r) => r.categories,
      () => [],
    ),
    // Only an editor adds results to a pack.
    event.parent().then(() =>
      canCapture(session.user)
        ? api.packs().then(
            (r) => r.packs,
            () => [],
          )
        : [],
    ),
  ]);
  return { ...search, categories, packs };
};
