/**
 * A generated history for the demo: about two years of an executive's 1:1s in a company of a few
 * hundred people, so that a new installation shows what the product is for. Several meetings a
 * week, recurring themes asked in varied words, seasons (pay and promotions around review cycles,
 * priorities at the start of each quarter, headcount at year end) and one theme rising in the last
 * complete weeks. Deterministic: the same seed and end date give the same history.
 */
import { addDays, formatDay, weekOf } from '@kb/db';
import { seededRandom } from '../domain/themes/random.ts';
import type { DemoMeeting } from './essay.ts';

interface DemoTheme {
  /** Stable key, used by the demo's answers and by tests. */
  key: string;
  categories: string[];
  /** Relative share of questions in an ordinary week. */
  weight: number;
  /** Multiplier by month (0 = January); absent means flat. */
  season?: readonly number[];
  phrasings: readonly string[];
}

const teams = ['platform', 'payments', 'mobile', 'data', 'design', 'sales', 'support', 'growth'];
const roles = ['engineer', 'designer', 'analyst', 'product manager', 'account executive'];
const projects = ['the billing rewrite', 'the new onboarding', 'the partner API', 'search v2'];

/** Several words for one concern, as different people put it in their own 1:1. */
export const demoThemes: readonly DemoTheme[] = [
  {
    key: 'promotions',
    categories: ['career', 'tough'],
    weight: 9,
    season: [1, 1.6, 2.2, 1.2, 0.8, 0.7, 0.8, 1.5, 2, 1.1, 0.8, 0.6],
    phrasings: [
      'How do promotions work for {role}s here?',
      'What does it take to get promoted to senior {role}?',
      'My career path is unclear, what is my opportunity in {team}?',
      'Who decides promotions in {team}, and when?',
      'I was passed over for promotion again, what should I do differently?',
      'Is there a written career ladder for {role}s?',
      'How do I grow into a lead role without becoming a manager?',
      'Why are promotions only decided once a year?',
    ],
  },
  {
    key: 'pay',
    categories: ['career', 'tough'],
    weight: 7,
    season: [2, 1.2, 0.8, 0.8, 0.8, 1, 1.8, 1.1, 0.8, 0.8, 0.9, 1],
    phrasings: [
      'How are salary raises decided this year?',
      'Are we paying {role}s at market rate?',
      'Why did raises get smaller than last year?',
      'How is compensation decided for people who change teams?',
      'Will there be an inflation adjustment to salaries?',
      'Is equity still part of the offer for new {role}s?',
      'How do we make sure pay is fair between teams?',
    ],
  },
  {
    key: 'manager-guidance',
    categories: ['management', 'tough'],
    weight: 8,
    phrasings: [
      'I am getting very little guidance from my manager, how can I make progress?',
      'How often should I have 1:1s with my manager?',
      'My manager changed three times this year, is that normal?',
      'How do I give feedback to my manager without it hurting my review?',
      'What do you expect from managers in {team}?',
      'My manager never has time for me, what can I do?',
      'Who can I talk to when my manager and I disagree?',
    ],
  },
  {
    key: 'priorities',
    categories: ['priorities', 'strategy'],
    weight: 8,
    season: [2, 1, 0.8, 2, 1, 0.8, 2, 1, 0.8, 2, 1, 0.8],
    phrasings: [
      'How are priorities set for {team}, and who decides?',
      'The roadmap for {team} changes every sprint, how is that being fixed?',
      'Why did {project} get deprioritized?',
      'How does leadership decide between {project} and {project2}?',
      'We have too many top priorities this quarter, which one really comes first?',
      'Who owns the quarterly planning, and how can we give input?',
      'Why do priorities change after every leadership offsite?',
    ],
  },
  {
    key: 'diversity',
    categories: ['diversity', 'tough'],
    weight: 5,
    phrasings: [
      'What are we doing about diversity in {team}?',
      'I was not satisfied with the diversity discussion at the last all hands, what happens next?',
      'How do we make hiring for {role}s more inclusive?',
      'Why are there so few women in senior roles?',
      'Do we publish diversity numbers, and will we set goals?',
      'How does the company support employee resource groups?',
    ],
  },
  {
    key: 'direction',
    categories: ['mission', 'strategy', 'predictable'],
    weight: 5,
    phrasings: [
      'Where do you see the company in five years?',
      'Does {project} fit our mission?',
      'What is the biggest risk to the company right now?',
      'Are we still a growth company, or are we optimising for profit now?',
      'What would make you consider this year a success?',
      'How do our competitors worry you?',
    ],
  },
  {
    key: 'reorg',
    categories: ['organization', 'tough'],
    weight: 4,
    phrasings: [
      'Will there be a reorg of {team} this year?',
      'Why is {team} moving under product?',
      'What are the biggest issues in the {team} organization?',
      'Who will {team} report to after the reorganisation?',
      'How will the new structure change how {team} works with {team2}?',
    ],
  },
  {
    key: 'background',
    categories: ['predictable', 'leadership'],
    weight: 3,
    phrasings: [
      'How did you come to the company?',
      'What did you do before joining?',
      'Why are you still here after all these years?',
      'What is the hardest decision you made this year?',
      'What does a typical week look like for you?',
    ],
  },
  {
    key: 'office',
    categories: ['organization', 'tough'],
    weight: 1.2,
    phrasings: [
      'Is the return to office three days a week final?',
      'Why do we have to return to the office when remote work went well?',
      'How was the return to office policy decided?',
      'Will people who moved away during remote work have to return to the office?',
      'Can {team} keep working remotely instead of returning to the office?',
      'What happens to people who cannot commute to the office three days a week?',
      'Will office attendance count in performance reviews?',
    ],
  },
  {
    key: 'workload',
    categories: ['management', 'tough'],
    weight: 4,
    season: [0.8, 0.8, 1, 1, 1, 0.9, 0.7, 0.7, 1, 1.2, 1.6, 1.8],
    phrasings: [
      'The on-call load in {team} is burning people out, what can be done?',
      'How do we say no to work when everything is urgent?',
      'Are we understaffed in {team}, or are we working on the wrong things?',
      'I work most evenings to keep up, is that expected?',
      'How do we protect focus time with this many meetings?',
    ],
  },
  {
    key: 'headcount',
    categories: ['strategy', 'organization'],
    weight: 3,
    season: [1.4, 1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1, 1.6, 2, 1.6],
    phrasings: [
      'Is there a hiring freeze next year?',
      'How many people will {team} hire next year?',
      'Why was the open {role} role in {team} cancelled?',
      'How is headcount split between teams?',
    ],
  },
  {
    key: 'projects',
    categories: ['predictable', 'projects'],
    weight: 4,
    phrasings: [
      'What is the most exciting project in the company today?',
      'What is the most interesting thing {team} shipped this year?',
      'Which project are you most proud of?',
      'How can I move to a team working on {project}?',
    ],
  },
  {
    key: 'learning',
    categories: ['career'],
    weight: 3,
    phrasings: [
      'Is there a learning budget for conferences and courses?',
      'Can I spend some of my time learning a new area?',
      'How do I find a mentor outside {team}?',
      'Will we bring back the internal tech talks?',
    ],
  },
];

/** The theme that rises in the last complete weeks of the demo. */
export const RISING_THEME = 'office';
const RISING_WEEKS = 3;
const RISING_FACTOR = 25;

/**
 * Answers an editor gave, in Markdown, to a few of the history's questions: each answers the
 * latest question asked in these words (whatever team or role filled them in).
 */
export const demoAnswers: readonly { phrasing: string; body: string; answeredIn: string }[] = [
  {
    phrasing: 'How do promotions work for {role}s here?',
    answeredIn: 'All-hands, March',
    body: 'Promotions are decided **twice a year**, in March and September.\n\n- Your manager proposes, a committee of two other leads reviews.\n- The ladder for each role is in the handbook under *Careers*.\n- Ask your manager for a written gap list six months ahead.',
  },
  {
    phrasing: 'How are priorities set for {team}, and who decides?',
    answeredIn: 'Q2 planning kick-off',
    body: 'Each quarter the leadership team ranks **at most three** company priorities.\nTeams then plan against them; anything else needs a trade-off, not a new slot.',
  },
  {
    phrasing: 'What are we doing about diversity in {team}?',
    answeredIn: 'All-hands, June',
    body: 'We publish our numbers every quarter and changed how we source candidates:\n\n1. every shortlist has at least two under-represented candidates;\n2. interview panels are mixed;\n3. we report progress at each all-hands.',
  },
  {
    phrasing: 'Is there a learning budget for conferences and courses?',
    answeredIn: 'Handbook',
    body: 'Yes: **1,500 a year** per person, no approval needed below 300. Book through the people team.',
  },
];

/** Whether a question is the phrasing with its blanks filled in. */
export function askedInWords(text: string, phrasing: string): boolean {
  const pattern = phrasing
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`).test(text);
}

export interface HistoryOptions {
  /** The history ends with the last complete week before this day. */
  until: Date;
  weeks?: number;
  seed?: number;
}

/**
 * One meeting per working day it falls on (at most one a day, so an import's day-per-meeting rule
 * keeps them apart), four to six a week, one to three questions each.
 */
export function demoHistory({
  until,
  weeks = 104,
  seed = 20150407,
}: HistoryOptions): DemoMeeting[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const fill = (phrasing: string) => {
    const team = pick(teams);
    const project = pick(projects);
    return phrasing
      .replace('{team2}', pick(teams.filter((t) => t !== team)))
      .replace('{team}', team)
      .replace('{role}', pick(roles))
      .replace('{project2}', pick(projects.filter((p) => p !== project)))
      .replace('{project}', project);
  };

  const lastMonday = addDays(weekOf(formatDay(until)), -7);
  const meetings: DemoMeeting[] = [];
  for (let week = weeks - 1; week >= 0; week--) {
    const monday = addDays(lastMonday, -7 * week);
    const month = Number(monday.slice(5, 7)) - 1;
    const rising = week < RISING_WEEKS;
    const weights = demoThemes.map(
      (theme) =>
        theme.weight *
        (theme.season?.[month] ?? 1) *
        (rising && theme.key === RISING_THEME ? RISING_FACTOR : 1),
    );
    const total = weights.reduce((sum, w) => sum + w, 0);
    const chooseTheme = () => {
      let roll = next() * total;
      for (const [i, w] of weights.entries()) {
        roll -= w;
        if (roll <= 0) return demoThemes[i]!;
      }
      return demoThemes[demoThemes.length - 1]!;
    };

    const days = [0, 1, 2, 3, 4].filter(() => next() < 0.95);
    const count = Math.min(days.length, 4 + Math.floor(next() * 3));
    for (const day of days.slice(0, count)) {
      const questions = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const theme = chooseTheme();
        return { text: fill(pick(theme.phrasings)), categories: [...theme.categories] };
      });
      meetings.push({ heldOn: addDays(monday, day), questions });
    }
  }
  return meetings;
}
