import fc from 'fast-check';
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
    ['My badge is E-73561 and my number EMP55123', 'My badge is [id] and my number [id]'],
    ['my employee id is 30917', 'my employee id is [id]'],
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
    expect(text('Mark the date, this matters.')).toBe('Mark the date, this matters.');
    expect(text('Mark approves every release himself.')).toBe(
      '[name] approves every release himself.',
    );
    expect(text('Grace days are too few.')).toBe('Grace days are too few.');
    expect(text('Grace said the merger is off.')).toBe('[name] said the merger is off.');
    expect(text('There is little hope here, and the brown sofa stays.')).toBe(
      'There is little hope here, and the brown sofa stays.',
    );
    expect(text('Someone like Brown could help.')).toBe('Someone like [name] could help.');
  });
});

describe('names not on the roster', () => {
  it('finds people the NLP library recognises', () => {
    expect(text('Ingrid Solberg in finance says the budget is frozen.', none)).toBe(
      '[name] in finance says the budget is frozen.',
    );
    expect(text('Is Tariq Haddad moving to Berlin?', none)).toBe('Is [name] moving to Berlin?');
  });

  it('keeps the essay questions exactly as they are', () => {
    for (const question of [
      'How did you come to the company?',
      'What is your art background?',
      'Who is your favorite artist?',
      'What do you see as the biggest issues in the engineering organization?',
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
    ["I've been here 4½ years and nothing changed.", 'tenure'],
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

describe('text as typed, read as it looks', () => {
  const zw = '\u200b';
  const shy = '\u00ad';

  it.each([
    [`Why did Ine${zw}s leave?`, 'zero-width space'],
    [`Why did In${shy}es leave?`, 'soft hyphen'],
    ['Why did In\u200des leave?', 'zero-width joiner'],
    ['Why did Ine\u200fs leave?', 'right-to-left mark'],
    ['Why did \uff29\uff4e\uff45\uff53 leave?', 'fullwidth letters'],
    ['Why did In\u0435s leave?', 'a Cyrillic е'],
    ['Why did \u0399nes leave?', 'a Greek capital iota'],
  ])('finds a roster name written with %s hidden in it (%s)', (input) => {
    const result = redact(input, roster);
    expect(result.text).toBe('Why did [name] leave?');
    // The span covers exactly what was typed, hidden characters included.
    const [span] = result.spans;
    expect(input.slice(0, span!.start) + span!.placeholder + input.slice(span!.end)).toBe(
      result.text,
    );
  });

  it('takes a bidi control around a name with it, so nothing is left reordering the text', () => {
    expect(text('Why does \u202eInes\u202c get every trip?')).toBe(
      'Why does [name] get every trip?',
    );
  });

  it('finds full names run together', () => {
    expect(text('Is InesMoreau leaving? I cc’d bartholomewquist.')).toBe(
      'Is [name] leaving? I cc’d [name].',
    );
  });

  it('leaves words of other scripts and the hidden characters elsewhere as they are', () => {
    const input = 'Почему офис в Москве закрыт? Ask\u200b about it.';
    expect(redact(input, roster)).toEqual({ text: input, spans: [], warnings: [] });
  });
});

describe('any text', () => {
  const invisible = fc.constantFrom('\u200b', '\u00ad', '\u200d', '\u2060', '\ufeff', '\u202e');

  it('gets spans in order, inside what was typed, that rebuild the stored text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (input) => {
        const result = redact(`Ines said ${input} to Quist`, roster);
        let rebuilt = '';
        let at = 0;
        const typed = `Ines said ${input} to Quist`;
        for (const span of result.spans) {
          expect(span.start).toBeGreaterThanOrEqual(at);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(typed.length);
          rebuilt += typed.slice(at, span.start) + span.placeholder;
          at = span.end;
        }
        expect(rebuilt + typed.slice(at)).toBe(result.text);
      }),
    );
  });

  it('loses a roster name whatever invisible characters are slipped into it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 'Bartholomew'.length }), invisible), {
          maxLength: 4,
        }),
        (insertions) => {
          let name = 'Bartholomew';
          for (const [at, char] of [...insertions].sort((a, b) => b[0] - a[0]))
            name = name.slice(0, at) + char + name.slice(at);
          const stored = redact(`Why did ${name} leave?`, roster).text;
          expect(stored).toBe('Why did [name] leave?');
        },
      ),
    );
  });
});

describe('nicknames on the roster', () => {
  const nicknamed = compileRoster(['Robert (Bob) Smith', 'Margaret "Peggy" Olsen']);

  it.each([
    ['Bob told me the layoffs are over.', '[name] told me the layoffs are over.'],
    ['Robert Smith owns pricing now.', '[name] owns pricing now.'],
    ['Can Bob Smith be my mentor?', 'Can [name] be my mentor?'],
    ["Smith's team is on call again.", "[name]'s team is on call again."],
    ['Peggy Olsen and Margaret disagree.', '[name] and [name] disagree.'],
  ])('%s', (input, expected) => {
    expect(text(input, nicknamed)).toBe(expected);
  });
});

describe('people the roster does not know', () => {
  it.each([
    ['Why did Kwame leave?', 'Why did [name] leave?'],
    ['Ngozi said no to the transfer.', '[name] said no to the transfer.'],
    ['I heard Oluwaseun Adeyemi is leaving.', 'I heard [name] is leaving.'],
    ['Is Nguyen Van Hung going to lead it?', 'Is [name] going to lead it?'],
    ['Mohammed Al-Amin was promoted twice.', '[name] was promoted twice.'],
    ["Chidinma's manager keeps cancelling.", "[name]'s manager keeps cancelling."],
    ['Arjun from finance says no.', '[name] from finance says no.'],
    ['I had lunch with Wanjiru today.', 'I had lunch with [name] today.'],
    ['Haruto and Yui both left in May.', '[name] and [name] both left in May.'],
    ['I asked Faith from legal.', 'I asked [name] from legal.'],
    ['Mr. Okonkwo shouted at me.', 'Mr. [name] shouted at me.'],
    ['Ms Okafor promised a raise.', 'Ms [name] promised a raise.'],
    ['Why did Dr Banerjee block it?', 'Why did Dr [name] block it?'],
    ['Mr Brown from procurement delayed it.', 'Mr [name] from procurement delayed it.'],
  ])('%s', (input, expected) => {
    expect(text(input, none)).toBe(expected);
  });

  it.each([
    'Why does the Sydney team always get the late slot?',
    'Is the São Paulo office closing?',
    "Who planned the Valentine's offsite?",
    'Summer interns get more mentoring than new hires, why?',
    'Hope is not a strategy, what is our plan for retention?',
    'Bill rates for contractors went up 20%, who decided?',
    'The dev environment is down every Monday.',
    'Can we get Diwali, Eid and Lunar New Year off like Christmas?',
    'Moving Ho Chi Minh City support to Kuala Lumpur, is that final?',
    'Will Austin and Denver offices merge?',
    'Should we move from Jenkins to GitHub Actions?',
    'Is Kafka going to be replaced by Pulsar?',
    'Ask Legal whether Figma counts as a design tool.',
    'Is Mr. President a title we use internally?',
  ])('keeps "%s"', (input) => {
    expect(text(input, none)).toBe(input);
  });

  it('keeps an abstract noun that is a rostered name where it is said to be a thing', () => {
    expect(text('Hope is not a strategy.')).toBe('Hope is not a strategy.');
    expect(text('Hope is a great manager.')).toBe('[name] is a great manager.');
    expect(text('Hope is on leave this week.')).toBe('[name] is on leave this week.');
  });
});

describe('phone numbers, extensions and spelt-out addresses', () => {
  it.each([
    ['Reach me at +49 30 12345678 tonight.', 'Reach me at [phone] tonight.'],
    ['My mobile is 0151 23456789, call after work.', 'My mobile is [phone], call after work.'],
    ['My line in Berlin is 030/2345-6789.', 'My line in Berlin is [phone].'],
    ['Call 06 12345678 or +31 20 123 4567.', 'Call [phone] or [phone].'],
    ['Call me on 612 345 678 tonight.', 'Call me on [phone] tonight.'],
    ['My desk is extension 4417.', 'My desk is [phone].'],
    ['Reach me on x4417 or ext. 12.', 'Reach me on [phone] or [phone].'],
    ['Write to kwame dot mensah at corp dot com.', 'Write to [email].'],
    ['Mail sam underscore lee at example dot org.', 'Mail [email].'],
    ['Or tariq [at] northwind [dot] io.', 'Or [email].'],
  ])('%s', (input, expected) => {
    expect(text(input, none)).toBe(expected);
  });

  it.each([
    'Headcount grew from 2019 to 2023 by 12 000 people and 14795.00 was spent per hire.',
    'Revenue will reach 612 345 678 euros by 2027.',
    'Is version 2.14.3 on track for the ISO 27001 audit in Q3 2026?',
    'The outage on 2026-03-12 lasted from 14:30 to 18:00; the 2019 2023 plan is gone.',
    'The server at 192.168.10.12 was down, and pi is 3.14159265.',
    'We were at the dot com peak when I joined; I worked at fabrikam dot com for years.',
    'Move the 1920x1080 screenshots to the 2x folder.',
  ])('keeps "%s"', (input) => {
    expect(text(input, none)).toBe(input);
  });
});

describe('ids', () => {
  it.each([
    ['My file is under emp-00977.', 'My file is under [id].'],
    ['I raised PEOPLE-812 and HR-20931.', 'I raised [id] and [id].'],
    ['My login is emp73561.', 'My login is [id].'],
    ['Security flagged badge 5521 after it.', 'Security flagged badge [id] after it.'],
    ['As employee number 12345 I got nothing.', 'As employee number [id] I got nothing.'],
  ])('%s', (input, expected) => {
    expect(text(input, none)).toBe(expected);
  });

  it('keeps periods, versions, standards, products and health terms', () => {
    const input =
      'Q3, v2, covid-19, 2FA, B2B, 401k, ISO-9001, SHA-256, SOC 2, H1B, GPT-4, SEV-2, W-2, ' +
      'Office-365, HTTP-404, FY2026, ES2022, L5 and us-east-1 all came up.';
    expect(text(input, none)).toBe(input);
  });
});

describe('re-identification warnings', () => {
  const combination = (input: string) =>
    redact(input, roster).warnings.find((w) => w.kind === 'combination');

  it('says which details combine and offers a coarser form', () => {
    const input = 'As the only designer in the Lisbon office after 14 years, I feel invisible.';
    const warning = combination(input)!;
    expect(warning.message).toMatch(/role, location, tenure/);
    expect(warning.parts!.map((p) => [p.kind, input.slice(p.start, p.end)])).toEqual([
      ['role', 'As the only designer'],
      ['location', 'in the Lisbon office'],
      ['tenure', 'after 14 years'],
    ]);
    expect(warning.suggestion).toBe(
      'As a designer in one of our offices after many years, I feel invisible.',
    );
    // The message names kinds of detail, never the words.
    expect(warning.message).not.toMatch(/Lisbon|designer|14/);
  });

  it.each([
    ["I'm 58 and the oldest engineer in the Dublin office.", ['demographic', 'role', 'location']],
    ['On my team of three in the Austin office, who decides?', ['team-size', 'location']],
    [
      "I've been here 12 years and I'm the only woman on the data team.",
      ['tenure', 'demographic', 'team'],
    ],
    [
      'As a single mother working from the Porto office, can I get flexible hours?',
      ['demographic', 'location'],
    ],
  ])('%s', (input, kinds) => {
    expect(combination(input)?.parts?.map((p) => p.kind)).toEqual(kinds);
  });

  it('does not warn about a group the asker is not placed in', () => {
    expect(combination('Why is the Lisbon office losing designers after 14 years of growth?')).toBe(
      undefined,
    );
    expect(combination('Will the Lisbon office stay open? Nobody in sales seems to know.')).toBe(
      undefined,
    );
  });

  it('builds its suggestion from the redacted text', () => {
    const input = 'Ines and I, the only two designers in the Lisbon office, joined last month.';
    const warning = combination(input)!;
    expect(warning.suggestion).toBe(
      '[name] and I, designers in one of our offices, joined recently.',
    );
    expect(warning.suggestion).not.toContain('Ines');
  });
});
