import { apiClient, type QuestionFilter } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

const LIMIT = 20;

/** The filters live in the URL, so a filtered list can be shared and survives a reload. */
export const load: PageLoad = async (event) => {
  event.depends('app:questions', 'app:categories');
  const params = event.url.searchParams;
  const filter = {
    category: params.get('category') ?? '',
    status: params.get('status') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    page: Number(params.get('page') ?? '1') || 1,
  };
  const api = apiClient(event.fetch);
  const [categories, list] = await Promise.all([
    // The filter's choices only: the list shows without them.
    api.categories().then(
      (r) => r.categories,
      () => [],
    ),
    api
      .questions({
        ...filter,
        // As the URL has it: the server refuses a status it does not know.
        status: (filter.status || undefined) as QuestionFilter['status'],
        limit: LIMIT,
      })
      .catch(failLoad(event, 'The questions could not be loaded.')),
  ]);
  return { filter, categories, list };
};
