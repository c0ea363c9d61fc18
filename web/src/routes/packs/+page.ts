import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:packs');
  return await apiClient(event.fetch)
    .packs()
    .catch(failLoad(event, 'The prep packs could not be loaded.'));
};
