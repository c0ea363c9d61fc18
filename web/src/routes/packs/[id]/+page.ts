import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:packs');
  return await apiClient(event.fetch)
    .pack(event.params.id)
    .catch(failLoad(event, 'The pack could not be loaded.', { 404: 'This pack does not exist.' }));
};
