import { describe, expect, it } from 'vitest';
import {
  clusterByThreshold,
  clusterIntoK,
  describeThemes,
  normalizedMutualInformation,
  adjustedRandIndex,
  stem,
  terms,
  TfidfRepresentation,
} from './index.ts';
import { dot } from './vectors.ts';

const questions = [
  'How are priorities set for the platform team?',
  'Who decides the priorities of the platform team?',
  'What is my career path as a designer?',
  'Is there a career path for designers in marketing?',
  'What are we doing about diversity in hiring?',
  'How can hiring become more diverse, what about diversity?',
];

function embed(texts: string[]) {
  const representation = new TfidfRepresentation({ minDocumentFrequency: 1 });
  representation.fit(texts);
  return texts.map((t) => representation.embed(t));
}

describe('text', () => {
  it('stems word forms together and keeps topic words', () => {
    expect(stem('priorities')).toBe(stem('priority'));
    expect(stem('decided')).toBe(stem('decides'));
    expect(terms('How can I get help at work?', { pairs: false })).toEqual(['help', 'work']);
    expect(terms('career path unclear')).toContain(`${stem('career')} ${stem('path')}`);
  });
});

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
});

describe('clustering', () => {
  it('groups questions about the same thing and keeps different things apart', () => {
    const assignment = clusterByThreshold(embed(questions), 0.25);
    expect(assignment[0]).toBe(assignment[1]);
    expect(assignment[2]).toBe(assignment[3]);
    expect(assignment[4]).toBe(assignment[5]);
    expect(new Set(assignment).size).toBe(3);
    // A threshold nothing reaches leaves every question alone.
    expect(new Set(clusterByThreshold(embed(questions), 0.99)).size).toBe(6);
  });

  it('gives the exact grouping when it first gathers alike questions, as it does for many', () => {
    // Each question a few times over, with small differences: gathered, then clustered as groups.
    const many = Array.from(
      { length: 60 },
      (_, i) => `${questions[i % questions.length]!}${i % 4 === 0 ? ' Honestly.' : ''}`,
    );
    const vectors = embed(many);
    const exact = clusterByThreshold(vectors, 0.25);
    const gathered = clusterByThreshold(vectors, 0.25, { exactLimit: 10, maxGroups: 30 });
    expect(new Set(exact).size).toBe(3);
    expect(gathered).toEqual(exact);
    // So diverse that gathering cannot bring it under the limit: the gathered groups stand.
    const alone = clusterByThreshold(vectors, 0.99, { exactLimit: 2, maxGroups: 2 });
    expect(new Set(alone).size).toBeGreaterThan(2);
    expect(alone).toHaveLength(60);
  });

  it('makes exactly k groups when asked', () => {
    const texts = Array.from(
      { length: 30 },
      (_, i) => questions[i % questions.length]! + ` variant ${i}`,
    );
    expect(new Set(clusterIntoK(texts, 3)).size).toBe(3);
  });

  it('labels a theme with its key phrases and finds its most central question', () => {
    const vectors = embed(questions);
    const themes = describeThemes(questions, vectors, clusterByThreshold(vectors, 0.25));
    const career = themes.find((t) => t.members.includes(2))!;
    expect(career.label).toMatch(/career/);
    expect(career.members).toEqual([2, 3]);
    expect([2, 3]).toContain(career.central);
  });
});

describe('metrics', () => {
  it('scores identical partitions 1 and unrelated ones near 0', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(normalizedMutualInformation([5, 5, 7, 7, 9, 9], truth)).toBeCloseTo(1, 10);
    expect(adjustedRandIndex([5, 5, 7, 7, 9, 9], truth)).toBeCloseTo(1, 10);
    expect(normalizedMutualInformation([0, 0, 0, 0, 0, 0], truth)).toBeCloseTo(0, 10);
    expect(adjustedRandIndex([0, 1, 0, 1, 0, 1], truth)).toBeLessThan(0.1);
  });
});
