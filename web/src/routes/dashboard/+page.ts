import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

const TOP_THEMES = 8;

export const load: PageLoad = async (event) => {
  event.depends('app:themes');
  const api = apiClient(event.fetch);
  const failed = failLoad(event, 'The dashboard could not be loaded.');
  const [categoryTrends, { themes, k, total, answered }, { alerts }, { categories }] =
    await Promise.all([
      api.trends({ by: 'category', bucket: 'month' }),
      api.themes(),
      api.alerts(),
      api.categories(),
    ]).catch(failed);
  const topThemes = themes.slice(0, TOP_THEMES);
  // Sparklines only for the themes shown, not every theme there is.
  const themeTrends =
    topThemes.length > 0
      ? await api
          .trends({ by: 'theme', bucket: 'month', keys: topThemes.map((t) => t.id) })
          .catch(failed)
      : null;
  return {
    categoryTrends,
    categories,
    themes,
    themeCount: total,
    answered,
    topThemes,
    k,
    alerts,
    themeTrends,
  };
};
