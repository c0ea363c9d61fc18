import { apiClient } from '$lib/api.ts';
import { failLoad } from '$lib/errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async (event) => {
  event.depends('app:questions', 'app:themes');
  const api = apiClient(event.fetch);
  const id = event.params.id;
  const [{ question }, { themes }, answer, owners] = await Promise.all([
    api.question(id),
    api.themes(),
    // A question nobody answered has no answer to show (404).
    api.questionAnswer(id).then(
      (r) => r.answer,
      () => null,
    ),
    // The owner's name is a help; the answer shows without it.
    api.answerOwners().then(
      (r) => r.owners,
      () => [],
    ),
  ]).catch(
    failLoad(event, 'The question could not be loaded.', {
      404: 'This question does not exist (any more).',
    }),
  );
  // Themes come a page at a time, the largest first: a small theme is read on its own.
  if (question.themeId && !themes.some((t) => t.id === question.themeId)) {
    const own = await api.theme(question.themeId).then(
      (r) => r.theme,
      () => null,
    );
    if (own) themes.unshift(own);
  }
  return { question, themes, answer, owners };
};
