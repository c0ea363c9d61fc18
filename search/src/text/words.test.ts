import { describe, expect, it } from 'vitest';
import { dot, normalise, termCosine } from './vectors.ts';
import {
  contentWords,
  hasPlaceholder,
  INDEX_STOP_WORDS,
  STOP_WORDS,
  stem,
  terms,
  tokenize,
  withoutPlaceholders,
} from './words.ts';

describe('the text layer', () => {
  it('stems word forms together and keeps what questions are about', () => {
    expect(stem('priorities')).toBe(stem('priority'));
    expect(stem('decided')).toBe(stem('decides'));
    expect(stem('promotions')).toBe(stem('promoted'));
    expect(terms('How can I get help at work?', { pairs: false })).toEqual(['help', 'work']);
    expect(contentWords('What did you do before joining?')).toEqual(['before', 'joining']);
    // Not English words: kept as written.
    expect(stem('c#')).toBe('c#');
    expect(tokenize('Is node.js or C++ better?')).toEqual(['is', 'node.js', 'or', 'c++', 'better']);
  });

  it('drops the words that only open a question, and the company every question is set in', () => {
    for (const word of ['why', 'when', 'how', 'what', 'think', 'company']) {
      expect(STOP_WORDS.has(word)).toBe(true);
    }
    expect(terms('Why do you think the company is growing?', { pairs: false })).toEqual([
      stem('growing'),
    ]);
    // The engine's own list stays short and inside the analyser's.
    for (const word of INDEX_STOP_WORDS) expect(STOP_WORDS.has(word)).toBe(true);
    expect(INDEX_STOP_WORDS).not.toContain('how');
  });

  it('pairs only words that stand side by side', () => {
    expect(terms('career path unclear')).toContain(`${stem('career')} ${stem('path')}`);
    // A removed stop word leaves a gap.
    expect(terms('company in five years')).not.toContain(`${stem('company')} ${stem('five')}`);
  });

  it('never reads a redaction placeholder as a word', () => {
    const text = 'Did [name] approve the reorg with [email]?';
    expect(hasPlaceholder(text)).toBe(true);
    expect(hasPlaceholder(withoutPlaceholders(text))).toBe(false);
    expect(tokenize(text)).toEqual(['did', 'approve', 'the', 'reorg', 'with']);
  });

  it('measures how alike texts are by the cosine of their terms', () => {
    expect(termCosine(['a', 'b'], ['a', 'b'])).toBeCloseTo(1, 10);
    expect(termCosine(['a'], ['b'])).toBe(0);
    expect(termCosine([], ['a'])).toBe(0);
    const x = normalise(
      new Map([
        [1, 3],
        [4, 4],
      ]),
    );
    const y = normalise(new Map([[4, 1]]));
    expect(dot(x, y)).toBeCloseTo(0.8, 6);
  });
});
