import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:themes');
  const api = apiClient(event.fetch);
  const id = event.params.id;
  const [detail, { themes }, trends, owners] = await Promise.all([
    api.theme(id),
    api.themes(),
    api.trends({ by: 'theme', bucket: 'month', keys: [id] }),
    // The owner's name is a help; the answer shows without it.
    api.answerOwners().then(
      (r) => r.owners,
      () => [],
    ),
  ]).catch(
    failLoad(event, 'The theme could not be loaded.', {
      404: 'This theme no longer exists; it may have been merged.',
    }),
  );
  return {
    ...detail,
    owners,
    others: themes.filter((t) => t.id !== id),
    points: trends.series.find((s) => s.key === id)?.points ?? [],
  };
};
