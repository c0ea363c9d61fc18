import { describe, expect, it } from 'vitest';
import { compileRoster, redact } from './index.ts';

const roster = compileRoster([
  'Ines Moreau',
  'Bartholomew Quist',
  'Will Hargrove',
  'Mark Okonjo',
  'Grace Lindqvist',
  'Ángel Núñez',
  "Ciarán O'Neill",
  'Hope Brown',
]);
const none = compileRoster([]);
const text = (input: string, r = roster) => redact(input, r).text;

describe('contact details and identifiers', () => {
  it.each([
    ['Write to ines.moreau@example.org please', 'Write to [email] please'],
    ['Mail hr-équipe@société.fr today', 'Mail [email] today'],
    ['Call +44 (20) 7946 0958 tonight', 'Call [phone] tonight'],
    ['Text 415-555-0133, or 07700 900123.', 'Text [phone], or [phone].'],
    ['See https://wiki.example.com/people/ines?tab=1.', 'See [url].'],
    [
      'My profile: linkedin.com/in/some-person-77 and github.com/someone',
      'My profile: [url] and [url]',
    ],
    ['Ping @inesm on chat', 'Ping [handle] on chat'],
    ['My badge is E-48213 and my number EMP55123', 'My badge is [id] and my number [id]'],
    ['my employee id is 48213', 'my employee id is [id]'],
  ])('%s', (input, expected) => {
    expect(text(input, none)).toBe(expected);
  });

  it('leaves dates, years, percentages and counts alone', () => {
    const input =
      'Since 2026-03-12 we grew 40% to 1,000 people over 2019-2023, in Q3 2026 and FY2026, 5 years.';
    expect(text(input, none)).toBe(input);
  });
});

describe('roster names', () => {
  it('removes full, first and last names, as one span for a full name', () => {
    const result = redact('Bartholomew Quist told Ines that Quist would decide.', roster);
    expect(result.text).toBe('[name] told [name] that [name] would decide.');
    expect(result.spans.map((s) => s.kind)).toEqual(['name', 'name', 'name']);
    expect(result.spans[0]).toMatchObject({
      start: 0,
      end: 'Bartholomew Quist'.length,
      placeholder: '[name]',
    });
  });

  it('respects Unicode word boundaries and possessives', () => {
    expect(text('Ángel Núñez and Ciarán O’Neill agree')).toBe('[name] and [name] agree');
    expect(text("Ciarán O'Neill's plan")).toBe("[name]'s plan");
    expect(text("Ines's team is fine")).toBe("[name]'s team is fine");
    // A name inside a longer word is not a name.
    expect(text('Inesperado is a word; Marked is too')).toBe('Inesperado is a word; Marked is too');
  });

  it('treats ordinary-word first names as names only where they are used as names', () => {
    expect(text('Will the office reopen? I asked Will about it.')).toBe(
      'Will the office reopen? I asked [name] about it.',
    );
    expect(text('I will ask again.')).toBe('I will ask again.');
    expect(text('Mark my words, this matters.')).toBe('Mark my words, this matters.');
    expect(text('Mark approves every release himself.')).toBe(
      '[name] approves every release himself.',
    );
    expect(text('Grace periods are too short.')).toBe('Grace periods are too short.');
    expect(text('Grace said the reorg is off.')).toBe('[name] said the reorg is off.');
    expect(text('There is little hope here, and the brown sofa stays.')).toBe(
      'There is little hope here, and the brown sofa stays.',
    );
    expect(text('Someone like Brown could help.')).toBe('Someone like [name] could help.');
  });
});

describe('names not on the roster', () => {
  it('finds people the NLP library recognises', () => {
    expect(text('I heard Jennifer Walsh from sales is leaving.', none)).toBe(
      'I heard [name] from sales is leaving.',
    );
    expect(text('Is Rahul Gupta moving to Berlin?', none)).toBe('Is [name] moving to Berlin?');
  });

  it('keeps the essay questions exactly as they are', () => {
    for (const question of [
      'How did you come to the company?',
      'What is your art background?',
      'Who is your favorite artist?',
      'What do you think are the biggest issues in the engineering organization?',
      'Where do you see the company in five years?',
      'I am getting very little guidance from my manager, how can I make progress?',
      'I have been rapidly promoted to a team lead, but have no idea what I am doing. Can I get help from you?',
      'My career path is unclear, what is my opportunity at Artsy?',
      "It's difficult to understand how priorities are set, how is the executive team fixing it?",
      "Artsy's mission speaks to all citizens of the world, but we're spending a massive amount of resources catering to the 1%. Am I being naive to believe in a grander mission?",
      'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?',
      'What is your personal position on the issues of diversity that have been discussed at the last all hands?',
    ]) {
      expect(redact(question, none)).toEqual({ text: question, spans: [], warnings: [] });
    }
  });
});

describe('spans and placeholders', () => {
  it('reports non-overlapping spans on the original text that rebuild the output', () => {
    const input = 'Ines (ines.moreau@example.org) and @ines met Will Hargrove.';
    const result = redact(input, roster);
    let rebuilt = '';
    let at = 0;
    for (const span of result.spans) {
      expect(span.start).toBeGreaterThanOrEqual(at);
      rebuilt += input.slice(at, span.start) + span.placeholder;
      at = span.end;
    }
    expect(rebuilt + input.slice(at)).toBe(result.text);
    expect(result.text).toBe('[name] ([email]) and [handle] met [name].');
  });
});

describe('warnings about self-identifying phrases', () => {
  it.each([
    ['As the only designer in Lisbon, I feel alone.', 'only-one'],
    ["I've been here 4 1/2 years and nothing changed.", 'tenure'],
    ['I joined the company last month, is that normal?', 'tenure'],
    ['On my team of three, who decides?', 'team-size'],
    ['I was employee number 12.', 'personal-number'],
    ["As the tech lead of payments, I'd like to know more.", 'role-title'],
    ["I'm 58 and worried about the new on-call rota.", 'age'],
    ['Coming back from parental leave, will my rating suffer?', 'life-event'],
  ])('%s', (input, kind) => {
    const result = redact(input, none);
    expect(result.warnings.map((w) => w.kind)).toContain(kind);
    expect(result.text).toBe(input);
  });

  it('does not warn on ordinary uses of "the only"', () => {
    expect(redact('Is this the only way to get promoted?', none).warnings).toEqual([]);
  });
});
