// Details that are harmless alone but point at few people once they come together: "As the only
// designer in the Lisbon office after 14 years" combines a role, a location and a tenure. When a
// question about the asker holds two such details or more, one warning names their kinds, points
// at each and offers a coarser form of it ("a designer", "in one of our offices", "after many
// years"). The message names kinds only; the details are shown by their place in the text.
import { findPlaces } from './lexicon/places.ts';
import { allMatches } from './regex.ts';
import type { QuasiIdentifierKind, RedactionWarning, WarningKind, WarningPart } from './types.ts';
import { DEPARTMENTS } from './vocabulary.ts';
import { ASKER_IS, COUNT, PERIOD, ROLE } from './warnings.ts';
import type { Reading } from './words.ts';

/** A detail found in the question, with a coarser wording when there is one. */
export interface QuasiIdentifier {
  kinds: QuasiIdentifierKind[];
  start: number;
  end: number;
  coarser?: string;
}

// A question says something about the asker when it speaks in the first person.
const FIRST_PERSON = /\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|myself)\b|^\s*as\s+(?:a|an|the|one)\b/u;
const SELF_BEFORE = /\b(?:I|I['’]m|I['’]ve|me|my|[Aa]s|[Bb]eing|working|based)\b/u;

/**
 * Whether a place, a team or a superlative is said of the asker: a first-person word comes before
 * it in its sentence ("As a designer in the Lisbon office", "I'm the oldest engineer"), not
 * "Will the Lisbon office stay open? I heard…".
 */
function aboutTheAsker(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 80), start);
  const sentence = before.split(/[.!?;\n]/u).pop() ?? '';
  return SELF_BEFORE.test(sentence);
}

const IDENTITY = String.raw`(?:black|white|asian|latina|latino|latinx|hispanic|indigenous|arab|jewish|muslim|hindu|sikh|gay|lesbian|bisexual|queer|trans|transgender|non-binary|nonbinary|female|male)`;
const DISABILITY = String.raw`(?:disabled|deaf|blind|autistic|neurodivergent|dyslexic|hard\s+of\s+hearing)`;
const PARENT = String.raw`(?:mother|father|mom|mum|dad|parent)`;
const DEMOGRAPHIC_NOUN = String.raw`(?:woman|women|man|men|${PARENT}|immigrant|veteran|refugee|expat|foreigner)`;
const PERSON = String.raw`(?:${DEMOGRAPHIC_NOUN}|person|people|employee|colleague|${ROLE})`;

const article = (word: string) =>
  /^[aeiou]/i.test(word) && !/^(?:uni|eu)/i.test(word) ? 'an' : 'a';

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  several: 3,
  'a few': 3,
  'a couple of': 2,
};

/** "after 14 years" becomes "after many years": how long, in words that fit many people. */
function coarserDuration(count: string, period: string): string {
  const n = /^\d/.test(count) ? parseFloat(count) : (NUMBER_WORDS[count.toLowerCase()] ?? 1);
  if (!/^year/i.test(period)) return 'a short while';
  if (n >= 5) return 'many years';
  if (n >= 2) return 'a few years';
  return 'a while';
}

const DURATION = new RegExp(String.raw`(${COUNT})\s+(${PERIOD})`, 'iu');
const WHEN_JOINED = new RegExp(
  String.raw`(?:(?:last|this)\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter)|${COUNT}\s+${PERIOD}\s+ago|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d{2}))`,
  'iu',
);

function coarserTenure(phrase: string): string | undefined {
  if (WHEN_JOINED.test(phrase)) return phrase.replace(WHEN_JOINED, 'recently');
  const duration = DURATION.exec(phrase);
  if (duration) return phrase.replace(DURATION, coarserDuration(duration[1]!, duration[2]!));
  if (/\bmy\s+(?:first|second)\s+\w+/i.test(phrase)) return 'my first months';
  return undefined;
}

function coarserTeamSize(phrase: string): string {
  if (/^team\s+of\b/i.test(phrase)) return 'small team';
  if (/\bteam$/i.test(phrase)) return 'small team';
  return phrase.replace(
    /\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/iu,
    'a few',
  );
}

// "the only designer", "our newest engineer", "the team's only woman".
const UNIQUE =
  /\b(?:the|our|(?:the\s+)?[\p{L}-]+['’]s)\s+(?:only|sole)\s+|\bthe\s+(?:newest|youngest|oldest|longest-serving|most\s+senior|most\s+junior|first|last)\s+/iu;

function coarserUniqueness(phrase: string): string | undefined {
  const m = UNIQUE.exec(phrase);
  if (!m) return undefined;
  const rest = phrase.slice(m.index + m[0].length);
  return `${phrase.slice(0, m.index)}${article(rest)} ${rest}`;
}

/** Age said as a number, in a band that holds many: "I'm 58" becomes "I'm over 50". */
function coarserAge(phrase: string): string | undefined {
  const age = /\d{2}/.exec(phrase);
  if (!age) return undefined;
  const n = Number(age[0]);
  if (/years?[- ]old/i.test(phrase)) return n < 30 ? 'younger' : n < 50 ? 'mid-career' : 'older';
  const band =
    n < 30 ? 'under 30' : n < 40 ? 'in my thirties' : n < 50 ? 'in my forties' : 'over 50';
  return phrase.slice(0, age.index).replace(/\bturning\s+$/i, '') + band;
}

const HAS_DISABILITY = new RegExp(DISABILITY, 'iu');
const IS_ROLE = new RegExp(`^${ROLE}$`, 'iu');

const DEMOGRAPHIC_RULES: { regex: RegExp; coarser: (m: RegExpExecArray) => string | undefined }[] =
  [
    {
      // "As a Black woman", "as a gay engineer", "as one of the few deaf designers".
      regex: new RegExp(
        String.raw`\b(${ASKER_IS})\s+(?:a|an|one\s+of\s+the\s+(?:few|only))\s+((?:(?:${IDENTITY}|${DISABILITY})[\s-]+){1,3})(?:(?:[\p{L}-]+\s+)??(${PERSON})s?\b)?`,
        'giu',
      ),
      coarser: (m) => {
        const asker = m[1]!;
        const group = HAS_DISABILITY.test(m[2]!)
          ? 'with a disability'
          : 'from an under-represented group';
        const role = m[3] && IS_ROLE.test(m[3]) ? m[3] : undefined;
        return role ? `${asker} ${article(role)} ${role} ${group}` : `${asker} someone ${group}`;
      },
    },
    {
      // "As a single mother", "as a new dad", "mother of three".
      regex: new RegExp(
        String.raw`\b(${ASKER_IS})\s+an?\s+(?:(?:single|working|new|first-time|young|expecting|stay-at-home)\s+)?${PARENT}\b|\b${PARENT}\s+of\s+(?:${COUNT}|twins|triplets)\b`,
        'giu',
      ),
      coarser: (m) => (m[1] ? `${m[1]} a parent` : 'a parent'),
    },
    {
      // "my kids", "my newborn": a family, not its size and ages.
      regex: /\bmy\s+(?:kids|children|son|daughter|baby|newborn|twins|toddler|sons|daughters)\b/giu,
      coarser: () => 'my family',
    },
    {
      // "I'm deaf", "I am autistic", "as an immigrant".
      regex: new RegExp(
        String.raw`\b(?:I['’]m|I\s+am)\s+${DISABILITY}\b|\b(${ASKER_IS})\s+an?\s+(?:immigrant|expat|foreigner|refugee|veteran)\b`,
        'giu',
      ),
      coarser: (m) => (m[1] ? undefined : 'I have a disability'),
    },
  ];

// Prepositions and articles before a place that say someone is there: "in the Lisbon office".
const AT_A_PLACE = new Set('in at from near for'.split(' '));
const OFFICE_NOUNS: Record<string, string> = {
  office: 'offices',
  site: 'sites',
  hub: 'hubs',
  campus: 'campuses',
  branch: 'branches',
  studio: 'studios',
  team: 'teams',
  hq: 'offices',
  headquarters: 'offices',
};

/** "in the Lisbon office", "the São Paulo team", "based in Nairobi". */
function findLocations(text: string, reading: Reading): QuasiIdentifier[] {
  const { words } = reading;
  const found: QuasiIdentifier[] = [];
  for (const place of findPlaces(text, words)) {
    if (place.kind === 'holiday' || !words[place.first]!.capitalised) continue;
    let first = place.first;
    let last = place.last;
    const office = words[last + 1];
    const officeNoun =
      office && office.sentence === words[last]!.sentence && Object.hasOwn(OFFICE_NOUNS, office.key)
        ? office.key
        : undefined;
    if (officeNoun) last += 1;
    if (/^(?:the|our)$/.test(words[first - 1]?.key ?? '')) first -= 1;
    const preposition = words[first - 1];
    const at =
      preposition &&
      preposition.sentence === words[first]!.sentence &&
      AT_A_PLACE.has(preposition.key)
        ? preposition
        : undefined;
    if (at) first -= 1;
    if (!officeNoun && !at) continue;
    if (!aboutTheAsker(text, words[first]!.start)) continue;
    const where = officeNoun ? `one of our ${OFFICE_NOUNS[officeNoun]}` : 'one of our locations';
    found.push({
      kinds: ['location'],
      start: words[first]!.start,
      end: words[last]!.end,
      coarser: at ? `${at.text} ${where}` : where,
    });
  }
  return found;
}

// A tenure told as "after 14 years" or "for 6 years": the warnings' own patterns need "here".
const YEARS_WITH_US = new RegExp(
  String.raw`\b(?:after|for|over)\s+(?:almost\s+|nearly\s+|over\s+|about\s+|more\s+than\s+)?(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several)\s+years\b(?!\s+ago)`,
  'giu',
);

// "the oldest engineer", "the only two designers", anywhere in a question about the asker.
const UNIQUE_PERSON = new RegExp(
  String.raw`\b(?:the|our)\s+(?:only|sole|newest|youngest|oldest|longest-serving|first|last)\s+(?:(?:two|three|2|3)\s+)?(?:[\p{L}-]+\s+){0,2}?${PERSON}s?\b`,
  'giu',
);

function coarserUniquePerson(phrase: string): string | undefined {
  const plural = /\s(?:two|three|2|3)\s/iu.test(phrase);
  const noun = /([\p{L}-]+)$/u.exec(phrase)?.[1];
  if (plural && noun) return noun;
  return coarserRole(phrase);
}

// The part of the company the asker is in: "on the payments team", "in engineering". Not those
// everyone is measured against: "people like me in leadership".
const OVERSEEING = new Set(['leadership', 'management']);
const GENERIC_TEAM = new Set(
  'whole same entire new other own wider broader extended core'.split(' '),
);
const TEAM =
  /\b(?:on|in|of|from|for)\s+(?:the|our|my)\s+((?:[\p{Ll}-]+\s+){1,2}?)(?:team|squad|group|department|org)\b/gu;
const DEPARTMENT = new RegExp(
  String.raw`\b(?:in|on|from)\s+(?:${[...DEPARTMENTS].filter((d) => !OVERSEEING.has(d)).join('|')})\b(?!\s+(?:team|squad|group|department|org)\b)`,
  'gu',
);

function findTeams(text: string): QuasiIdentifier[] {
  const teams: QuasiIdentifier[] = [];
  for (const m of allMatches(TEAM, text)) {
    const qualifier = m[1]!.trim().split(/\s+/);
    if (qualifier.every((word) => GENERIC_TEAM.has(word))) continue;
    if (!aboutTheAsker(text, m.index) && !/^\S+\s+my\s/u.test(m[0])) continue;
    const preposition = m[0].split(/\s/)[0]!;
    teams.push({
      kinds: ['team'],
      start: m.index,
      end: m.index + m[0].length,
      coarser: `${preposition} one of our teams`,
    });
  }
  for (const m of allMatches(DEPARTMENT, text)) {
    if (aboutTheAsker(text, m.index))
      teams.push({ kinds: ['team'], start: m.index, end: m.index + m[0].length });
  }
  return teams;
}

// A role said of the asker without a qualifier: "as a designer", "I'm an engineer".
const SELF_ROLE = new RegExp(
  String.raw`\b(?:${ASKER_IS})\s+an?\s+(?:[\p{L}-]+\s+)??${ROLE}\b`,
  'giu',
);

function phrasesAsParts(
  text: string,
  ranges: readonly { start: number; end: number }[],
  kinds: (phrase: string) => QuasiIdentifierKind[],
  coarser: (phrase: string) => string | undefined,
): QuasiIdentifier[] {
  return ranges.map(({ start, end }) => {
    const phrase = text.slice(start, end);
    return { kinds: kinds(phrase), start, end, coarser: coarser(phrase) };
  });
}

const ROLE_IN = new RegExp(String.raw`\b${ROLE}s?\b`, 'giu');
const DEMOGRAPHIC_IN = new RegExp(
  String.raw`\b(?:${IDENTITY}|${DISABILITY}|${DEMOGRAPHIC_NOUN})\b`,
  'iu',
);
const ASKER_AT_START = new RegExp(String.raw`^(?:${ASKER_IS})\b`, 'iu');

/** "as the tech lead of payments" becomes "as a lead": the role, without what singles it out. */
function coarserRole(phrase: string): string | undefined {
  const roles = allMatches(ROLE_IN, phrase);
  const role = roles[roles.length - 1]?.[0];
  if (!role) return coarserUniqueness(phrase);
  const asker = ASKER_AT_START.exec(phrase)?.[0];
  const coarse = `${article(role)} ${role}`;
  return asker ? `${asker} ${coarse}` : coarse;
}

/**
 * Every detail of the kinds that combine, merged where they overlap, in text order. The single
 * warnings already found are details too: "I've been here 6 years" is a tenure.
 */
function findQuasiIdentifiers(
  text: string,
  reading: Reading,
  warnings: readonly RedactionWarning[],
): QuasiIdentifier[] {
  const findPhrases = (kind: WarningKind) => warnings.filter((w) => w.kind === kind);
  const matches = (regex: RegExp) =>
    allMatches(regex, text).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const parts: QuasiIdentifier[] = [
    ...phrasesAsParts(
      text,
      findPhrases('only-one'),
      (p) => [
        'only-one',
        ...(allMatches(ROLE_IN, p).length > 0 ? (['role'] as const) : []),
        ...(DEMOGRAPHIC_IN.test(p) ? (['demographic'] as const) : []),
      ],
      coarserRole,
    ),
    ...phrasesAsParts(text, findPhrases('role-title'), () => ['role'], coarserRole),
    ...phrasesAsParts(
      text,
      matches(SELF_ROLE),
      () => ['role'],
      () => undefined,
    ),
    ...phrasesAsParts(
      text,
      matches(UNIQUE_PERSON).filter((m) => aboutTheAsker(text, m.start)),
      (p) => ['only-one', ...(allMatches(ROLE_IN, p).length > 0 ? (['role'] as const) : [])],
      coarserUniquePerson,
    ),
    ...findTeams(text),
    ...findLocations(text, reading),
    ...phrasesAsParts(text, findPhrases('tenure'), () => ['tenure'], coarserTenure),
    ...phrasesAsParts(text, matches(YEARS_WITH_US), () => ['tenure'], coarserTenure),
    ...phrasesAsParts(text, findPhrases('team-size'), () => ['team-size'], coarserTeamSize),
    ...phrasesAsParts(text, findPhrases('age'), () => ['demographic'], coarserAge),
    ...phrasesAsParts(
      text,
      findPhrases('life-event'),
      () => ['demographic'],
      (p) => (/\bleave$/i.test(p) ? 'leave' : 'my circumstances'),
    ),
    ...DEMOGRAPHIC_RULES.flatMap(({ regex, coarser }) =>
      allMatches(regex, text).map((m) => ({
        kinds: ['demographic'] as QuasiIdentifierKind[],
        start: m.index,
        end: m.index + m[0].length,
        coarser: coarser(m),
      })),
    ),
  ];
  return merge(parts);
}

/** Overlapping details become one, of every kind they had; the widest keeps its coarser form. */
function merge(parts: QuasiIdentifier[]): QuasiIdentifier[] {
  const byStart = [...parts].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: QuasiIdentifier[] = [];
  for (const part of byStart) {
    const last = merged[merged.length - 1];
    if (!last || part.start >= last.end) {
      merged.push({ ...part, kinds: [...part.kinds] });
      continue;
    }
    for (const kind of part.kinds) if (!last.kinds.includes(kind)) last.kinds.push(kind);
    if (part.end > last.end) {
      last.end = part.end;
      last.coarser = undefined;
    }
  }
  return merged;
}

const LABELS: Record<QuasiIdentifierKind, string> = {
  role: 'role',
  team: 'team',
  location: 'location',
  tenure: 'tenure',
  'team-size': 'team size',
  demographic: 'a personal characteristic',
  'only-one': 'being the only one',
};
const ORDER: QuasiIdentifierKind[] = [
  'role',
  'team',
  'location',
  'tenure',
  'team-size',
  'demographic',
  'only-one',
];

function listOf(labels: string[]): string {
  return labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * The warning for a question about the asker that holds two details or more, of two kinds or
 * more, with those details; its `suggestion` needs the redacted text and is left to index.ts.
 */
export function findCombination(
  text: string,
  reading: Reading,
  warnings: readonly RedactionWarning[],
): { warning: RedactionWarning; details: QuasiIdentifier[] } | undefined {
  if (!FIRST_PERSON.test(text)) return undefined;
  const details = findQuasiIdentifiers(text, reading, warnings);
  if (details.length < 2) return undefined;
  const kinds = ORDER.filter((kind) => details.some((d) => d.kinds.includes(kind)));
  if (kinds.length < 2) return undefined;
  const parts: WarningPart[] = details.map((d) => ({
    kind: ORDER.find((kind) => d.kinds.includes(kind))!,
    start: d.start,
    end: d.end,
  }));
  const warning: RedactionWarning = {
    kind: 'combination',
    message: `May identify the asker: combines ${listOf(kinds.map((k) => LABELS[k]))}, which together fit few people.`,
    start: details[0]!.start,
    end: details[details.length - 1]!.end,
    parts,
  };
  return { warning, details };
}
