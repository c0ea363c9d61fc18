import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';
import { eventsClient } from './client.ts';

export const load: PageLoad = async (event) => {
  event.depends('app:events');
  const fail = failLoad(event, 'The all-hands could not be loaded.');
  const [{ events }, { packs }] = await Promise.all([
    eventsClient(event.fetch).events().catch(fail),
    apiClient(event.fetch).packs().catch(fail),
  ]);
  return { events, packs };
};
