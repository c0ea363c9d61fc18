import type { CategoryInput } from '@kb/db';

/**
 * The categories a new installation starts with: the essay's two tones and the topics its
 * questions are about. Admins curate them afterwards; seeding never overwrites their changes.
 */
export const defaultCategories: CategoryInput[] = [
  {
    slug: 'predictable',
    name: 'Predictable',
    axis: 'tone',
    colour: '#2f6fb0',
    position: 0,
    description: 'Questions most people ask sooner or later: background, motivation, the future.',
  },
  {
    slug: 'tough',
    name: 'Tough',
    axis: 'tone',
    colour: '#b3261e',
    position: 1,
    description: 'Hard questions that need a considered, honest answer.',
  },
  {
    slug: 'career',
    name: 'Career',
    axis: 'topic',
    colour: '#7b4fa3',
    position: 0,
    description: 'Growth, promotion, career paths and opportunities.',
  },
  {
    slug: 'diversity',
    name: 'Diversity',
    axis: 'topic',
    colour: '#b35c00',
    position: 1,
    description: 'Diversity, equity and inclusion.',
  },
  {
    slug: 'priorities',
    name: 'Priorities',
    axis: 'topic',
    colour: '#1f7a5a',
    position: 2,
    description: 'How priorities are set and decided.',
  },
  {
    slug: 'mission',
    name: 'Mission',
    axis: 'topic',
    colour: '#0f6e80',
    position: 3,
    description: 'The company mission, purpose and values.',
  },
  {
    slug: 'management',
    name: 'Management',
    axis: 'topic',
    colour: '#8a5a2b',
    position: 4,
    description: 'Guidance, support and feedback from managers.',
  },
  {
    slug: 'organization',
    name: 'Organization',
    axis: 'topic',
    colour: '#5c6b7a',
    position: 5,
    description: 'How the company and its teams are organized and where the issues are.',
  },
  {
    slug: 'strategy',
    name: 'Strategy',
    axis: 'topic',
    colour: '#3d5a9e',
    position: 6,
    description: 'Where the company is going and why.',
  },
  {
    slug: 'leadership',
    name: 'Leadership',
    axis: 'topic',
    colour: '#6b4c9a',
    position: 7,
    description: 'The executives themselves: their background, views and choices.',
  },
  {
    slug: 'projects',
    name: 'Projects',
    axis: 'topic',
    colour: '#2e7d32',
    position: 8,
    description: 'What teams are building and what is exciting.',
  },
];
