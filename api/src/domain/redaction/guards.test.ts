// A guard lets redaction skip a large regex over a text that cannot match it. A guard that misses a
// match would let an identifying detail through, so each one is checked against every sentence the
// redaction tests use and against generated text made of the words the regexes look for.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchingText } from './normalise.ts';
import { patterns } from './patterns.ts';
import { allMatches } from './regex.ts';
import { warningRules } from './warnings.ts';

const guarded = [
  ...warningRules.map((r) => ({ name: `warning ${r.kind}`, regex: r.regex, guard: r.guard })),
  ...patterns.map((p, i) => ({ name: `pattern ${i} (${p.kind})`, regex: p.regex, guard: p.guard })),
];

const source = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** Every quoted sentence of the redaction tests and every hard case. */
const sentences = [
  ...[...source('redaction.test.ts').matchAll(/'((?:[^'\\\n]|\\.)+)'|"((?:[^"\\\n]|\\.)+)"/g)].map(
    (m) => (m[1] ?? m[2])!.replace(/\\'/g, "'"),
  ),
  ...source('cases/evasion.jsonl')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text),
];

/** One text for each way each regex can match; each must match, or the list has gone stale. */
const examples: Record<string, string[]> = {
  'warning only-one': [
    'as the only woman',
    "I am the team's only designer",
    'the only parent in the office',
    'the only veteran',
    'I am the newest hire',
    'being the longest-serving person',
  ],
  'warning tenure': [
    'been here for almost 3 years',
    'working at Fabrikam for two years',
    'two years at the company',
    'five months in the role',
    'joined last spring',
    'started three weeks ago',
    'joined in 2019',
    'just started',
    'my first week',
    'my second quarter',
    'a new hire',
    'still onboarding',
    'my 5-year anniversary',
    'work anniversary',
  ],
  'warning team-size': [
    'a team of five',
    'a 4-person team',
    'only three of us',
    'just three of us',
    'we are just four',
    'six engineers on my team',
    "we're only five",
  ],
  'warning role-title': [
    'as the tech lead',
    "I'm our only designer",
    'as a senior staff engineer',
    'I am the head of payments',
  ],
  'warning personal-number': ['employee number 12', 'badge no. 7', 'employee #12'],
  'warning age': ['32 years old', 'in my late thirties', "I'm 34 now", 'I am turning 40, and'],
  'warning life-event': ['on maternity leave', 'my divorce'],
  'pattern 0 (email)': ['mail hr-zoë@northwind.io today'],
  'pattern 1 (url)': ['see https://example.com/x', 'at www.example.com'],
  'pattern 2 (url)': ['on fabrikam.dev', 'linkedin.com/in/someone'],
  'pattern 3 (handle)': ['ask @dana'],
  'pattern 4 (id)': ['ticket #4821'],
  'pattern 5 (id)': ['emp-00977', 'E-73561'],
  'pattern 6 (id)': ['my employee id is 30917', 'badge 5521'],
};

// Unicode case folding in the regexes ("ſ" for s, the Kelvin sign for k) must get through the
// guards too, and so must a match in the middle of other words.
const spellings = (t: string) => [
  t,
  t.toUpperCase(),
  t.replace(/s/g, 'ſ'),
  t.replace(/k/g, '\u212A'),
  `Honestly, ${t}; what now?`,
];
const filler = ['so', 'the', 'plan', 'and', 'why', '2', 'my', 'team', 'at', 'I', '—', 'us'];
const around = (t: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...filler), { maxLength: 5 }),
      fc.array(fc.constantFrom(...filler), { maxLength: 5 }),
      fc.boolean(),
    )
    .map(([before, after, upper]) => {
      const s = [...before, t, ...after].join(' ');
      return upper ? s.toUpperCase() : s;
    });

describe('redaction guards', () => {
  it('have sentences to be checked on', () => {
    expect(sentences.length).toBeGreaterThan(150);
  });

  for (const { name, regex, guard } of guarded) {
    it(`${name}: every match contains what its guard looks for`, () => {
      const own = examples[name] ?? [];
      expect(own.length, `examples for ${name}`).toBeGreaterThan(0);
      for (const example of own) {
        expect(allMatches(regex, example).length, example).toBeGreaterThan(0);
      }
      for (const typed of [...sentences, ...own.flatMap(spellings)]) {
        for (const t of [typed, matchingText(typed).text]) {
          if (allMatches(regex, t).length > 0) expect(guard.test(t), t).toBe(true);
        }
      }
      fc.assert(
        fc.property(
          fc.constantFrom(...own).chain(around),
          (t) => allMatches(regex, t).length === 0 || guard.test(t),
        ),
        { numRuns: 500 },
      );
    });
  }
});
