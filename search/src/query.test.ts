import { describe, expect, it } from 'vitest';
import { highlightSegments, highlightTags } from './query.ts';

const { pre, post } = highlightTags;

describe('highlightSegments', () => {
  it('keeps text without a match as one plain run', () => {
    expect(highlightSegments('Why the reorg?')).toEqual([{ text: 'Why the reorg?', match: false }]);
    expect(highlightSegments('')).toEqual([]);
  });

  it('splits matches at the start, middle and end, and side by side', () => {
    expect(highlightSegments(`${pre}Why${post} the ${pre}reorg${post}${pre}s${post}`)).toEqual([
      { text: 'Why', match: true },
      { text: ' the ', match: false },
      { text: 'reorg', match: true },
      { text: 's', match: true },
    ]);
    expect(highlightSegments(`a ${pre}b${post} c`)).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
  });

  it('reads a mark left open as a match to the end, and never shows the marks', () => {
    const segments = highlightSegments(`the ${pre}reorg`);
    expect(segments).toEqual([
      { text: 'the ', match: false },
      { text: 'reorg', match: true },
    ]);
    expect(highlightSegments(`${pre}${post}x`)).toEqual([{ text: 'x', match: false }]);
  });
});
