// The product's theme finding, run as a recompute runs it: representation, number of themes,
// membership, titles.
import { dot } from '@kb/search';
import { describe, expect, it } from 'vitest';
import { essayMeetings } from '../../demo/essay.ts';
import {
  describeThemes,
  findThemes,
  groupQuestions,
  MIN_THEME_QUESTIONS,
  THEME_SIMILARITY_THRESHOLD,
  themeRepresentation,
  title,
  TITLE_LENGTH,
  TfidfRepresentation,
} from './index.ts';
import { seededRandom } from './random.ts';

const questions = [
  'How are priorities set for the platform team?',
  'Who decides the priorities of the platform team?',
  'What is my career path as a designer?',
  'Is there a career path for designers in marketing?',
  'What are we doing about diversity in hiring?',
  'How can hiring become more diverse, what about diversity?',
];

/** The theme (by its members' texts) each text ends up in; undefined for an other question. */
function themesOf(texts: readonly string[]) {
  const themes = groupQuestions(texts, texts);
  const of = (text: string) => themes.find((t) => t.members.some((i) => texts[i] === text));
  return { themes, of };
}

/**
 * Questions on `topics` subjects: each draws three words of its subject and two of a vocabulary
 * every subject shares, the way short questions share "team" or "work" across themes.
 */
function questionsOn(topics: number, perTopic: number, seed: number) {
  const random = seededRandom(seed);
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)]!;
  const shared = Array.from(
    { length: 40 },
    (_, i) => `common${String.fromCharCode(97 + (i % 26))}${i}`,
  );
  const texts: string[] = [];
  const labels: number[] = [];
  for (let topic = 0; topic < topics; topic++) {
    const own = Array.from({ length: 6 }, (_, i) => `subject${topic}word${i}`);
    for (let q = 0; q < perTopic; q++) {
      texts.push(`Why ${pick(own)} ${pick(shared)} ${pick(own)} and ${pick(shared)} ${pick(own)}?`);
      labels.push(topic);
    }
  }
  return { texts, labels };
}

describe('TfidfRepresentation.learn', () => {
  it('knows the words of questions written after it was fitted', () => {
    const representation = new TfidfRepresentation({ minDocumentFrequency: 1 });
    representation.fit(questions);
    const novel = 'When will the parking garage reopen?';
    expect(representation.embed(novel).ids).toHaveLength(0);
    representation.learn(novel);
    const again = representation.embed('Is the parking garage going to reopen soon?');
    expect(dot(representation.embed(novel), again)).toBeGreaterThan(0.25);
    expect(dot(representation.embed(novel), representation.embed(questions[0]!))).toBe(0);
  });

  it('refuses to learn when rare words are dropped at fit', () => {
    expect(() => new TfidfRepresentation().learn('anything')).toThrow(/minDocumentFrequency/);
  });

  it('counts a question asked several times as often as it was asked', () => {
    const once = new TfidfRepresentation({ minDocumentFrequency: 1 });
    once.fit(questions);
    const twice = new TfidfRepresentation({ minDocumentFrequency: 1 });
    twice.fit([...questions, questions[0]!]);
    // "platform" is in more of the questions now, so it weighs less against "decides".
    const weight = (r: TfidfRepresentation, word: string) => {
      const v = r.embed(questions[1]!);
      return v.weights[[...v.ids].findIndex((id) => r.term(id) === word)]!;
    };
    expect(weight(twice, 'platform')).toBeLessThan(weight(once, 'platform'));
  });
});

describe('finding themes', () => {
  it('groups questions about the same thing and leaves a question like no other out', () => {
    const texts = [...questions, 'When will the parking garage reopen?'];
    const { themes, of } = themesOf(texts);
    expect(themes).toHaveLength(3);
    expect(of(texts[0]!)).toBe(of(texts[1]!));
    expect(of(texts[2]!)).toBe(of(texts[3]!));
    expect(of(texts[4]!)).toBe(of(texts[5]!));
    expect(of('When will the parking garage reopen?')).toBeUndefined();
  });

  it('makes a theme of one question asked word for word in several 1:1s', () => {
    const texts = [...questions, ...Array<string>(3).fill('When will the parking garage reopen?')];
    const { themes, of } = themesOf(texts);
    expect(themes).toHaveLength(4);
    expect(of('When will the parking garage reopen?')!.members).toEqual([6, 7, 8]);
  });

  it('reads the number of themes from the questions, not from a setting', () => {
    for (const topics of [3, 7]) {
      const { texts, labels } = questionsOn(topics, 30, topics);
      const representation = themeRepresentation(texts);
      const assignment = findThemes(
        texts.map((t) => representation.embed(t)),
        representation.size,
      );
      expect(new Set(assignment.filter((g) => g >= 0)).size).toBe(topics);
      // Each theme is one subject.
      for (let theme = 0; theme < topics; theme++) {
        const subjects = new Set(labels.filter((_, i) => assignment[i] === theme));
        expect(subjects.size).toBe(1);
      }
    }
  });

  it('puts each question where capture-time placement would: its nearest theme, alike enough', () => {
    const { texts } = questionsOn(4, 25, 11);
    const representation = themeRepresentation(texts);
    const vectors = texts.map((t) => representation.embed(t));
    const assignment = findThemes(vectors, representation.size);
    const sums = new Map<number, Map<number, number>>();
    vectors.forEach((v, i) => {
      if (assignment[i]! < 0) return;
      const sum = sums.get(assignment[i]!) ?? new Map<number, number>();
      v.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + v.weights[k]!));
      sums.set(assignment[i]!, sum);
    });
    // Cosine with a theme's summed vector, leaving the question itself out of its own theme.
    const similarity = (i: number, theme: number) => {
      const sum = new Map(sums.get(theme)!);
      const v = vectors[i]!;
      if (assignment[i] === theme)
        v.ids.forEach((id, k) => sum.set(id, sum.get(id)! - v.weights[k]!));
      let product = 0;
      v.ids.forEach((id, k) => (product += v.weights[k]! * (sum.get(id) ?? 0)));
      const norm = Math.sqrt([...sum.values()].reduce((s, w) => s + w * w, 0));
      return norm > 0 ? product / norm : 0;
    };
    for (let i = 0; i < texts.length; i++) {
      const own = assignment[i]!;
      const others = [...sums.keys()].filter((t) => t !== own).map((t) => similarity(i, t));
      if (own < 0) {
        expect(Math.max(...others)).toBeLessThan(THEME_SIMILARITY_THRESHOLD);
        continue;
      }
      expect(similarity(i, own)).toBeGreaterThanOrEqual(THEME_SIMILARITY_THRESHOLD);
      for (const other of others) expect(similarity(i, own)).toBeGreaterThanOrEqual(other);
    }
    for (const theme of sums.keys()) {
      expect(assignment.filter((g) => g === theme).length).toBeGreaterThanOrEqual(
        MIN_THEME_QUESTIONS,
      );
    }
  });

  it('gives the same themes for the same questions', () => {
    const { texts } = questionsOn(5, 20, 3);
    const first = groupQuestions(texts, texts);
    expect(groupQuestions(texts, texts)).toEqual(first);
  });
});

describe("the essay's questions", () => {
  const texts = essayMeetings.flatMap((m) => m.questions.map((q) => q.text));
  const { themes, of } = themesOf(texts);
  const find = (fragment: string) => texts.filter((t) => t.includes(fragment));

  it('share a theme where they ask the same thing', () => {
    const diversity = find('diversity');
    expect(diversity).toHaveLength(2);
    expect(of(diversity[0]!)).toBeDefined();
    expect(of(diversity[0]!)).toBe(of(diversity[1]!));
    const issues = find('biggest issues');
    expect(issues).toHaveLength(2);
    expect(of(issues[0]!)).toBeDefined();
    expect(of(issues[0]!)).toBe(of(issues[1]!));
  });

  it('keep apart what only shares the company', () => {
    const came = of('How did you come to the company?');
    const project = of('What is the most interesting project in the company?');
    expect(came === undefined || came !== project).toBe(true);
  });

  it('leave most of a short list as other questions, not one theme each', () => {
    expect(themes.length).toBeGreaterThan(0);
    expect(themes.length).toBeLessThan(texts.length / 2);
    for (const theme of themes) expect(theme.members.length).toBeGreaterThanOrEqual(2);
  });

  it('name each theme in words, by one of its own questions', () => {
    for (const theme of themes) {
      expect(theme.label.length).toBeLessThanOrEqual(TITLE_LENGTH + 1);
      expect(theme.label).toMatch(/^[A-Z]/);
      expect(theme.label).not.toMatch(/·/);
      const central = texts[theme.central]!;
      expect(theme.members).toContain(theme.central);
      expect(central.startsWith(theme.label.replace(/…$/, ''))).toBe(true);
    }
    expect(of(find('diversity')[0]!)!.label).toMatch(/diversity/i);
  });
});

describe('titles', () => {
  it('never hold a redaction placeholder', () => {
    const members = [
      'What did [name] mean by the reorg of the data team?',
      'Is the reorg of the data team final?',
      'Why is the data team part of a reorg again?',
    ];
    const [theme] = describeThemes(members, [0, 0, 0]);
    expect(theme!.label).not.toMatch(/\[|\]/);
    expect(members[theme!.central]).not.toMatch(/\[name\]/);
    // When every question holds one, the placeholder is taken out of the title.
    const [named] = describeThemes(
      ['Did [name] approve the reorg?', 'Will [name] explain the reorg to [name]?'],
      [0, 0],
    );
    expect(named!.label).not.toMatch(/\[|\]/);
    expect(named!.label).toMatch(/reorg/);
  });

  it('depend on the members alone, not on their order', () => {
    const members = [
      'How are priorities set for the platform team?',
      'Who decides the priorities of the platform team?',
      'Why do the priorities of the platform team change every sprint?',
    ];
    const forward = describeThemes(members, [0, 0, 0])[0]!;
    const backward = describeThemes([...members].reverse(), [0, 0, 0])[0]!;
    expect(backward.label).toBe(forward.label);
    expect(backward.keywords).toEqual(forward.keywords);
  });

  it('keep the sentence that asks, and cut long ones at a word boundary', () => {
    expect(
      title('Honest question. How do promotions work for designers here? Asking for the team.'),
    ).toBe('How do promotions work for designers here?');
    const long = title(
      'What do you think are the hardest problems in the platform organization and in support?',
    );
    expect(long.length).toBeLessThanOrEqual(TITLE_LENGTH + 1);
    expect(long).toMatch(/^What do you think are the hardest problems in the platform\S*…$/);
    expect(
      title("It's difficult to understand how priorities are set, how is the team fixing it?"),
    ).toBe("It's difficult to understand how priorities are set…");
  });
});
