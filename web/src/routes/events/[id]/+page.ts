import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';
import { eventsClient } from '../client.ts';

export const load: PageLoad = async (event) => {
  event.depends('app:events');
  const [{ event: report }, { packs }] = await Promise.all([
    eventsClient(event.fetch)
      .event(event.params.id)
      .catch(
        failLoad(event, 'The all-hands could not be loaded.', {
          404: 'This all-hands does not exist.',
        }),
      ),
    apiClient(event.fetch).packs().catch(failLoad(event, 'The prep packs could not be loaded.')),
  ]);
  return { report, packs };
};
