import { describe, expect, it } from 'vitest';
import { matchGroupsToThemes, planRecompute } from './recompute.ts';

// Each group lists, per member, the theme it was in before the recompute (null: none).
const match = (groups: (string | null)[][], preference: string[] = []) =>
  Object.fromEntries(matchGroupsToThemes(groups, preference));

describe('matchGroupsToThemes', () => {
  it('carries a theme over to the group that holds its questions, with newcomers', () => {
    expect(match([[null, 'a', 'a', null], ['b']])).toEqual({ 0: 'a', 1: 'b' });
  });

  it('keeps a split theme in its larger part; the other part is new', () => {
    expect(match([['a'], ['a', 'a', 'a']])).toEqual({ 1: 'a' });
  });

  it('keeps the theme that brought more questions when two are joined', () => {
    expect(match([['b', 'a', 'a']])).toEqual({ 0: 'a' });
  });

  it('breaks a tie by the order of preference (people’s work first, then age)', () => {
    expect(match([['a', 'b']], ['b', 'a'])).toEqual({ 0: 'b' });
    expect(match([['a', 'b']], ['a', 'b'])).toEqual({ 0: 'a' });
  });

  it('keeps a theme only where at least half of its questions went', () => {
    expect(match([['a', 'a'], ['a'], ['a']])).toEqual({ 0: 'a' });
    expect(
      match([
        ['a', null],
        ['a', null],
        ['a', null],
      ]),
    ).toEqual({});
  });

  it('gives each group one theme and each theme one group', () => {
    // a and b both went wholly to group 0: a keeps it; b is retired rather than taking group 1.
    expect(match([['a', 'a', 'b'], [null]])).toEqual({ 0: 'a' });
    // A theme halved between two groups lives on in one of them.
    expect(
      Object.values(
        match([
          ['a', 'a'],
          ['a', 'a'],
        ]),
      ),
    ).toEqual(['a']);
  });
});

describe('planRecompute', () => {
  const question = (id: string, themeId: string | null, meetingId = `m-${id}`) => ({
    id,
    text: `question ${id}`,
    meetingId,
    themeId,
    live: themeId !== null,
    pinned: false,
  });
  const theme = (id: string, centralQuestionId: string, curated = false) => ({
    id,
    label: `label ${id}`,
    keywords: [],
    centralQuestionId,
    curated,
    createdAt: new Date('2026-01-01'),
  });
  // A group as the clustering describes it: members index into the regrouped questions.
  const group = (id: string, members: number[]) => ({
    members,
    keywords: [],
    label: `label ${id}`,
    central: members[0]!,
  });

  it('writes nothing when the grouping found the same themes', () => {
    const plan = planRecompute(
      {
        questions: [question('q1', 'a'), question('q2', 'a'), question('q3', 'b')],
        themes: [theme('a', 'q1'), theme('b', 'q3')],
      },
      [group('a', [0, 1]), group('b', [2])],
    );
    expect(plan).toMatchObject({
      created: [],
      described: [],
      placements: [],
      unplaced: [],
      retirements: [],
      reindex: [],
      kept: 2,
    });
  });

  it('retires a theme whose questions joined another, pointing at it', () => {
    const plan = planRecompute(
      {
        questions: [question('q1', 'a'), question('q2', 'a'), question('q3', 'b')],
        themes: [theme('a', 'q1'), theme('b', 'q3')],
      },
      [group('a', [0, 1, 2])],
    );
    expect(plan.placements).toEqual([{ questionId: 'q3', themeId: 'a' }]);
    expect(plan.retirements).toEqual([{ id: 'b', mergedInto: 'a' }]);
    // a goes from two meetings to three: the same recurrence level, so only q3's document moves.
    expect(plan.reindex).toEqual(['q3']);
  });

  it('keeps the questions of a theme people worked on when the grouping leaves them out', () => {
    const plan = planRecompute(
      {
        questions: [question('q1', 'a'), question('q2', 'b'), question('q3', null)],
        themes: [theme('a', 'q1', true), theme('b', 'q2')],
      },
      [],
    );
    expect(plan.unplaced).toEqual(['q2']);
    expect(plan.retirements).toEqual([{ id: 'b', mergedInto: null }]);
    expect(plan.placements).toEqual([]);
    expect(plan.reindex).toEqual(['q2']);
  });

  it('opens a theme for a new group and leaves pinned questions alone', () => {
    const plan = planRecompute(
      {
        questions: [
          { ...question('q1', 'p'), pinned: true },
          question('q2', null),
          question('q3', null),
        ],
        themes: [],
      },
      [group('new', [0, 1])],
    );
    expect(plan.created).toHaveLength(1);
    const created = plan.created[0]!.id;
    expect(plan.placements).toEqual([
      { questionId: 'q2', themeId: created },
      { questionId: 'q3', themeId: created },
    ]);
    expect(plan.pinnedQuestions).toBe(1);
  });
});
