import { apiClient } from '$lib/api.ts';
import { loadFailure } from '$lib/errors.ts';
import { isPeriodKey } from '$lib/periods.ts';
import type { PageLoad } from './$types';

/**
 * The period lives in the URL (`?period=2026-Q1`), so a digest can be shared; without one the server
 * picks the last complete quarter.
 */
export const load: PageLoad = async (event) => {
  const asked = event.url.searchParams.get('period') ?? '';
  const period = isPeriodKey(asked) ? asked : undefined;
  try {
    return { period, digest: await apiClient(event.fetch).digest(period), failure: null };
  } catch (error) {
    // The picker stays usable: another period may load.
    return {
      period,
      digest: null,
      failure: loadFailure(event, error, 'The digest could not be loaded.').message,
    };
  }
};
