import { describe, expect, it } from 'vitest';
import { clusterIntoK } from './k-means.ts';

const questions = [
  'How are priorities set for the platform team?',
  'Who decides the priorities of the platform team?',
  'What is my career path as a designer?',
  'Is there a career path for designers in marketing?',
  'What are we doing about diversity in hiring?',
  'How can hiring become more diverse, what about diversity?',
];

describe('clusterIntoK', () => {
  it('makes exactly k groups when asked', () => {
    const texts = Array.from(
      { length: 30 },
      (_, i) => questions[i % questions.length]! + ` variant ${i}`,
    );
    expect(new Set(clusterIntoK(texts, 3)).size).toBe(3);
  });

  it('puts questions on the same subject together', () => {
    const texts = Array.from({ length: 30 }, (_, i) => questions[i % questions.length]!);
    const groups = clusterIntoK(texts, 3);
    // Questions 0 and 1 are about priorities, 2 and 3 about careers, 4 and 5 about diversity.
    for (let i = 0; i < texts.length; i += 2) expect(groups[i]).toBe(groups[i + 1]);
    expect(new Set([groups[0], groups[2], groups[4]]).size).toBe(3);
  });
});
