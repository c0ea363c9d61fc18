// Column detection on the headers Q&A tools write, and the mapping checks.
import { describe, expect, it } from 'vitest';
import { detectColumn, detectColumns, resolveMapping, suggestedMapping } from './columns.ts';

describe('detectColumn', () => {
  it.each([
    ['Question', 'question'],
    ['Question text', 'question'],
    ['content', 'question'],
    ['Text', 'question'],
    ['Likes', 'votes'],
    ['like_count', 'votes'],
    ['Upvotes', 'votes'],
    ['Number of votes', 'votes'],
    ['Date', 'date'],
    ['inserted_at', 'date'],
    ['Time asked', 'date'],
    ['Labels', 'labels'],
    ['Tags', 'labels'],
    ['Topic', 'labels'],
    ['Answered', 'answered'],
    ['Answered at', 'answered'],
    ['Status', 'answered'],
  ])('reads %s as the %s', (header, role) => {
    expect(detectColumn(header)).toBe(role);
  });

  it.each([
    'Author',
    'Author name',
    'Author email',
    'Name',
    'E-mail',
    'email',
    'Asked by',
    'Submitted by',
    'User',
    'participantName',
    'Question author',
  ])('drops %s: it says who asked', (header) => {
    expect(detectColumn(header)).toBe('personal');
  });

  it.each(['Dislikes', 'Downvotes', 'Question ID', 'Question number', 'Highlighted', 'id'])(
    'reads nothing from %s',
    (header) => {
      expect(detectColumn(header)).toBeNull();
    },
  );
});

describe('mappings', () => {
  const headers = ['Question', 'Votes', 'Author', 'Question (translated)'];

  it('suggests the first column of each role, and a lone column as the questions', () => {
    const columns = detectColumns(headers);
    expect(columns.map((c) => c.detected)).toEqual(['question', 'votes', 'personal', null]);
    expect(suggestedMapping(columns)).toEqual({ question: 'Question', votes: 'Votes' });
    expect(suggestedMapping(detectColumns(['Whatever it says']))).toEqual({
      question: 'Whatever it says',
    });
    expect(suggestedMapping(detectColumns(['foo', 'bar']))).toBeNull();
  });

  it('reads the columns a mapping names, and refuses unknown, personal and doubled ones', () => {
    expect(resolveMapping(headers, { question: 'Question (translated)', votes: 'Votes' })).toEqual({
      question: 3,
      votes: 1,
    });
    expect(() => resolveMapping(headers, { question: 'Frage' })).toThrow(/no column "Frage"/);
    expect(() => resolveMapping(headers, { question: 'Author' })).toThrow(/says who asked/);
    expect(() => resolveMapping(headers, { question: 'Question', votes: 'Question' })).toThrow(
      /mapped twice/,
    );
  });
});
