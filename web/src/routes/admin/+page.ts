import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import { session } from '$lib/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:users', 'app:categories', 'app:roster');
  // Only an admin may read these: the role decides before anything is asked for.
  await event.parent();
  if (session.user?.role !== 'admin') redirect(307, '/dashboard');
  const api = apiClient(event.fetch);
  const [{ users }, { categories }, { entries }] = await Promise.all([
    api.users(),
    api.categories(),
    api.roster(),
  ]).catch(failLoad(event, 'The admin data could not be loaded.'));
  return { users, categories, roster: entries };
};
