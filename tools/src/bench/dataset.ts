// A deterministic stream of realistic 1:1 questions for benchmarks: recurring phrasings per topic,
// spread over three years of weeks, with a few injected spikes.
import { seededRandom } from '@kb/api';

interface Topic {
  categories: string[];
  templates: string[];
}

const topics: Topic[] = [
  {
    categories: ['career', 'tough'],
    templates: [
      'My career path is unclear, what is my opportunity in {team}?',
      'How do promotions work for {role}s here?',
      'What does it take to become a {role} lead?',
      'I was promoted to {role} lead but have no idea what I am doing, can I get help?',
    ],
  },
  {
    categories: ['management', 'tough'],
    templates: [
      'I am getting very little guidance from my manager, how can I make progress?',
      'How often should I have 1:1s with my manager in {team}?',
      'My manager changed three times this year, is that normal?',
    ],
  },
  {
    categories: ['priorities'],
    templates: [
      'How are priorities set for {team}, and who decides?',
      'The roadmap for {team} changes every sprint, how is the executive team fixing it?',
      'Why did {project} get deprioritized?',
    ],
  },
  {
    categories: ['diversity', 'tough'],
    templates: [
      'What are we doing about diversity in {team}?',
      'I was not satisfied with the diversity discussion at the last all hands, what happens next?',
      'How do we make hiring for {role}s more inclusive?',
    ],
  },
  {
    categories: ['mission', 'strategy'],
    templates: [
      'Where do you see the company in five years?',
      'Does {project} fit our mission?',
      'Are we spending too much on {project} compared to our mission?',
    ],
  },
  {
    categories: ['organization', 'predictable'],
    templates: [
      'What are the biggest issues in the {team} organization?',
      'Will there be a reorg of {team} this year?',
      'Why is {team} moving under product?',
    ],
  },
  {
    categories: ['leadership', 'predictable'],
    templates: [
      'How did you come to the company?',
      'What did you do before joining?',
      'What is the most exciting project in {team} today?',
    ],
  },
  {
    categories: ['career', 'tough'],
    templates: [
      'How is compensation decided for {role}s in {place}?',
      'Why are salary bands for {role}s not shared?',
      'Is there a budget for training and conferences in {team}?',
    ],
  },
  {
    categories: ['management', 'organization'],
    templates: [
      'Will the {place} office stay open after {quarter}?',
      'How many days a week are we expected in the {place} office?',
      'Can {team} keep working remotely?',
    ],
  },
  {
    categories: ['priorities', 'projects'],
    templates: [
      'The on-call load in {team} keeps growing, who is fixing it?',
      'Why do we still use {tool} for {team}?',
      'When will {project} ship, and what slips if it does not?',
    ],
  },
];

// Ways people open and close a question in a 1:1: the same question is rarely asked twice alike.
const openers = [
  '',
  '',
  '',
  'Honest question. ',
  'Quick one. ',
  'I keep wondering about this. ',
  'Something people in {team} ask. ',
  'Not sure who else to ask. ',
];
const closers = [
  '',
  '',
  '',
  ' Asking since the last all hands.',
  ' This came up twice in {team} this {quarter}.',
  ' It affects the whole {team} team.',
  ' I heard different answers from different people.',
  ' Nobody in {team} seems to know.',
];

const fillers: Record<string, string[]> = {
  team: [
    'engineering',
    'sales',
    'design',
    'data',
    'support',
    'marketing',
    'finance',
    'platform',
    'security',
    'mobile',
    'growth',
    'legal',
    'people',
    'infrastructure',
  ],
  role: [
    'engineer',
    'designer',
    'analyst',
    'manager',
    'recruiter',
    'scientist',
    'account executive',
    'product manager',
    'writer',
    'researcher',
  ],
  project: [
    'the new app',
    'the billing rewrite',
    'search',
    'the partner program',
    'the data platform',
    'the pricing change',
    'the mobile redesign',
    'the EU launch',
    'the migration to the cloud',
  ],
  place: ['Berlin', 'London', 'Lisbon', 'New York', 'Toronto', 'Singapore'],
  quarter: ['quarter', 'spring', 'summer', 'autumn', 'winter', 'year'],
  tool: ['spreadsheets', 'the old ticketing system', 'email', 'manual deploys', 'the legacy CRM'],
};

export interface GeneratedQuestion {
  text: string;
  categories: string[];
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
}

const FIRST_WEEK = Date.UTC(2023, 0, 2); // a Monday
const WEEKS = 156;

export function* generateQuestions(count: number, seed = 42): Generator<GeneratedQuestion> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < count; i++) {
    let week = Math.floor(random() * WEEKS);
    let topic = pick(topics);
    // Spikes: diversity rises for three weeks in the second year, priorities in the third.
    if (random() < 0.04) {
      topic = topics[3]!;
      week = 70 + Math.floor(random() * 3);
    } else if (random() < 0.03) {
      topic = topics[2]!;
      week = 120 + Math.floor(random() * 3);
    }
    const text = (pick(openers) + pick(topic.templates) + pick(closers)).replace(
      /\{(\w+)\}/g,
      (_, slot: string) => pick(fillers[slot]!),
    );
    yield {
      text,
      categories: topic.categories,
      week: new Date(FIRST_WEEK + week * 7 * 86_400_000).toISOString().slice(0, 10),
    };
  }
}
