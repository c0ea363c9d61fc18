// The matcher on its own: each all-hands question judged alone against the 1:1s, in the themes'
// own representation, with a threshold read from the 1:1s.
import { describe, expect, it } from 'vitest';
import { themeRepresentation } from '../themes/grouping.ts';
import { AnticipationModel, type OneOnOneQuestion } from './anticipation.ts';

const history: OneOnOneQuestion[] = [
  ['remote', 'Will we keep working from home after the office move?'],
  ['remote', 'Is remote work still allowed two days a week?'],
  ['remote', 'How many office days will the remote work policy ask for?'],
  ['remote', 'Can the team keep remote work on Fridays?'],
  ['remote', 'Will remote work stay when the new office opens?'],
  ['promotion', 'How does the promotion process work for senior engineers?'],
  ['promotion', 'What does it take to get a promotion to staff engineer?'],
  ['promotion', 'Is the promotion committee meeting this cycle?'],
  ['promotion', 'Why was the promotion cycle delayed again?'],
  ['promotion', 'Are the promotion criteria for engineers published?'],
  ['hiring', 'Is there a hiring freeze for the rest of the year?'],
  ['hiring', 'Will the hiring budget be cut next quarter?'],
  ['hiring', 'When does the hiring freeze end for our team?'],
  ['hiring', 'Can we backfill roles during the hiring freeze?'],
  [null, 'What music do you listen to?'],
].map(([themeId, text]) => ({ themeId: themeId ?? null, text: text! }));

describe('TfidfRepresentation.embedAsNew', () => {
  it('gives the vector a question would have once learnt, without learning it', () => {
    const text = 'Will the office move bring a new parking garage?';
    const judged = themeRepresentation(history.map((q) => q.text));
    const asNew = judged.embedAsNew(text);
    const learnt = themeRepresentation(history.map((q) => q.text));
    learnt.learn(text);
    const after = learnt.embed(text);
    // The words the 1:1s knew weigh the same; the unseen ones only lengthen the learnt vector.
    const known = new Map<number, number>();
    after.ids.forEach((id, k) => {
      if (id < judged.size) known.set(id, after.weights[k]!);
    });
    expect([...asNew.ids]).toEqual([...known.keys()]);
    asNew.ids.forEach((id, k) => expect(asNew.weights[k]).toBeCloseTo(known.get(id)!, 5));
    // And nothing was learnt: the same call gives the same vector.
    expect(judged.embedAsNew(text)).toEqual(asNew);
    expect(judged.size).toBeLessThan(learnt.size);
  });
});

describe('AnticipationModel', () => {
  const model = AnticipationModel.build(history);

  it('finds the nearest theme of what the 1:1s raised, and calls the rest surprises', () => {
    const [remote, promotion, party] = model.match([
      'When will the remote work rules be final after the move?',
      'How does the promotion process work this year?',
      'Why did we cancel the summer party?',
    ]);
    expect(remote).toMatchObject({ themeId: 'remote', anticipated: true });
    expect(promotion).toMatchObject({ themeId: 'promotion', anticipated: true });
    expect(party).toEqual({ themeId: null, similarity: 0, anticipated: false });
    expect(remote!.similarity).toBeGreaterThanOrEqual(model.threshold);
  });

  it('chooses the threshold between how alike 1:1s are to their own theme and to another', () => {
    const c = model.calibration;
    expect(c.themes).toBe(3);
    expect(c.questions).toBe(14);
    expect(c.otherMedian).toBeLessThan(c.threshold);
    expect(c.threshold).toBeLessThanOrEqual(c.ownMedian);
    expect(c.ownAbove).toBeGreaterThan(c.otherAbove);
  });

  it('judges each question alone, and reads the 1:1s the same in any order', () => {
    const question = 'Is the hiring freeze over for good?';
    const alone = model.match([question])[0];
    const amongMany = model.match([
      'Why is the hiring freeze still on, and the freeze on budgets too?',
      question,
      'Freeze freeze freeze?',
    ])[1];
    expect(amongMany).toEqual(alone);
    const reordered = AnticipationModel.build([...history].reverse());
    expect(reordered.calibration).toEqual(model.calibration);
    expect(reordered.match([question])).toEqual(model.match([question]));
  });

  it('falls back to the placement rule without two themes to compare', () => {
    const none = AnticipationModel.build([]);
    expect(none.threshold).toBe(0.1);
    expect(none.match(['Anything at all?'])).toEqual([
      { themeId: null, similarity: 0, anticipated: false },
    ]);
  });
});
