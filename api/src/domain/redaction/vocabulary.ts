// What the redaction knows about English words: which names are also everyday words, which words
// are dates, and the small closed word classes that grammar cues rely on.
import nlp from 'compromise';
import { isListedName } from './lexicon/names.ts';

type LexiconEntry = string | readonly string[];

// The NLP library's own word list (about 25,000 words with their part of speech), read once. A word
// it lists only as a verb, noun or adjective is an ordinary word; one it lists as a first or last
// name is a person's name.
const lexicon: Readonly<Record<string, LexiconEntry | undefined>> =
  (nlp.model() as { one?: { lexicon?: Record<string, LexiconEntry> } }).one?.lexicon ?? {};

const PERSON_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);

function lexiconTags(key: string): readonly string[] {
  const entry = Object.hasOwn(lexicon, key) ? lexicon[key] : undefined;
  if (entry === undefined) return [];
  return typeof entry === 'string' ? [entry] : entry;
}

/** A first or last name, in the NLP library's list or in the compiled list of many cultures. */
export function isKnownPersonName(key: string): boolean {
  return isListedName(key) || lexiconTags(key).some((tag) => PERSON_TAGS.has(tag));
}

/**
 * Tools and products of everyday engineering work named like people: "move from Jenkins to…".
 * They count as names only where the sentence leaves no doubt ("Jenkins said…").
 */
const PRODUCTS_NAMED_LIKE_PEOPLE = new Set(
  'jenkins django kafka alexa siri cortana gatsby sentry'.split(' '),
);

/**
 * Listed by the NLP library as something other than a name ("slack", "artsy", "team", "google"),
 * or a product named like a person.
 */
export function isKnownWord(key: string): boolean {
  if (PRODUCTS_NAMED_LIKE_PEOPLE.has(key)) return true;
  const tags = lexiconTags(key);
  return tags.length > 0 && !tags.some((tag) => PERSON_TAGS.has(tag));
}

/** Months and seasons: names that are far more often dates ("In June", "Summer interns"). */
export const DATE_WORDS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

// First and last names that are also everyday words. The NLP lexicon catches most others ("brown",
// "young", "price"); these it lists as names only, or not at all.
const EVERYDAY_NAMES = new Set(
  (
    'will mark grace rose hope bill pat frank june may april august summer autumn winter sky joy ' +
    'amber dawn faith chase hunter drew max ray sue don rich art bob jack penny ruby iris lily violet ' +
    'holly ivy daisy hazel jade pearl olive fern basil sage heather crystal sterling ash robin willow ' +
    'river reed brook cole wade chip buck bud rusty sandy carol guy dean miles norman lance cliff ' +
    'glen heath grant gene earl bishop victor major rob nick pierce sunny honey star angel clay ' +
    'forest page king knight prince chance cash hardy noble swift bell church mills fox bush lamb ' +
    'marsh wolf frost snow hall ward banks price cook baker mason porter booth bond best strong ' +
    'sharp moody love harmony melody destiny patience charity mercy trust justice ' +
    // Short words of engineering and daily life that are also given names: "the dev environment".
    'dev ed kit rod eve gray grey red dale storm rain stone echo nova luna'
  ).split(' '),
);

/** A name that is also an everyday word, so it counts as a name only where it is used as one. */
export function isEverydayWord(key: string): boolean {
  return EVERYDAY_NAMES.has(key) || DATE_WORDS.has(key) || isKnownWord(key);
}

/** A word that is a name somewhere, everyday or not: "kwame", "faith", "june", "sydney". */
export function mayBeAName(key: string): boolean {
  return isKnownPersonName(key) || EVERYDAY_NAMES.has(key) || DATE_WORDS.has(key);
}

/** Words that can open a yes/no question ("Will the…", "May I…"), which a name cannot. */
export const MODAL_NAMES = new Set(['will', 'may', 'can', 'must', 'shall']);

// Parts of full names that are never redacted alone: "de" in "Ana de la Cruz".
export const NAME_PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'ibn',
  'la',
  'le',
  'st',
  'van',
  'von',
  'y',
]);

export const SUBJECT_PRONOUNS = new Set([
  'i',
  'me',
  'he',
  'she',
  'we',
  'they',
  'you',
  'him',
  'her',
]);

// Words after which a capitalised everyday word cannot be the subject of the sentence: "Will the
// company", "Mark the date", "Hope you", "Drew up a plan", "Faith in leadership".
export const NOT_AFTER_A_NAME = new Set(
  (
    'the a an my your our their his its this that these those every each some any all no ' +
    'i you we they he she it me us them him her there here everyone everybody someone somebody ' +
    'anyone anybody nobody nothing something anything ' +
    'of in on for at to from with by about over under into onto up down out off than as like ' +
    'of if when whether because so not'
  ).split(' '),
);

/** Verbs that only follow a subject: "Grace is", "Mark has", "Will can't". */
export const AUXILIARIES = new Set(
  (
    'is was has had does did can could should would will might must shall ' +
    "isn't wasn't hasn't hadn't doesn't didn't can't couldn't shouldn't wouldn't won't mustn't"
  ).split(' '),
);

export const COPULAS = new Set(['is', 'was', "isn't", "wasn't"]);

export const ADVERBS_BEFORE_A_VERB = new Set(
  (
    'always never just also already still really even often usually sometimes recently finally ' +
    'clearly literally basically actually constantly apparently obviously probably definitely ' +
    'rarely seldom keeps personally'
  ).split(' '),
);

/** Verbs people do with words; after an unknown capitalised word they make it a person. */
export const SPEAKING_VERBS = new Set(
  (
    'said says told tells asked asks thinks thought promised mentioned complained admitted ' +
    'claimed explained insisted suggested replied wrote agreed agrees decided warned argued ' +
    'announced confirmed denied hinted'
  ).split(' '),
);

// Around a pair of unknown capitalised words, cues that the pair is a person and not a product or a
// place: "I heard Kwame Mensah from sales", "Oluwaseun Bakare quit".
export const PERSON_CUES_BEFORE = new Set(
  (
    'heard asked told met manager boss colleague coworker teammate mentor lead director ' +
    'thanked thanks pinged messaged emailed cc hired fired ' +
    'promoted replaced replacing whom'
  ).split(' '),
);

export const PERSON_CUES_AFTER = new Set([
  ...SPEAKING_VERBS,
  ...'left leaves quit resigned joined promoted fired hired who from'.split(' '),
]);

/**
 * After a listed name, verbs that only a person does: "Why did Kwame leave?", "Haruto and Yui
 * both left". Not "fail" or "crash": "Why did Jenkins fail?" asks about a build server.
 */
export const PERSON_VERBS = new Set([
  ...SPEAKING_VERBS,
  ...(
    'say tell ask think know knew knows want wants wanted agree decide approve approves approved ' +
    'leave left leaves leaving quit quits resign resigns joined join joins joining got get gets ' +
    'moved move moves hire hires fire fires manage manages managed lead leads led report reports ' +
    'reported promise feel feels felt believe believes believed complain disagree disagrees ' +
    'disagreed refused refuses refuse shouted yelled talking talked talks'
  ).split(' '),
]);

/**
 * Before a listed name, words that put a person after them: "with Wanjiru", "told Bartosz",
 * "for Emeka". Listed names are rarely anything else, so a preposition is cue enough.
 */
export const PERSON_CUES_BEFORE_A_LISTED_NAME = new Set(
  (
    'ask asked asking tell told telling ping pinged thank thanked thanks meet met cc emailed ' +
    'messaged called call with for to from by about like than manager boss colleague coworker ' +
    'teammate mentor lead director whom heard overheard saw see watched noticed invited hired ' +
    'fired promoted replaced replacing trust trusts blame blames'
  ).split(' '),
);

/** Between a name and the verb it does: "Haruto and Yui both left", "Kwame never replied". */
export const ADVERBS_AFTER_A_SUBJECT = new Set([
  ...ADVERBS_BEFORE_A_VERB,
  ...'both all each together too'.split(' '),
]);

/** Titles before a surname: "Mr. Okonkwo", "Ms Okafor", "Dr Banerjee". */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof']);

/** Offices that follow an honorific and name a role, not a person: "Mr President". */
export const OFFICES = new Set(
  'president chairman chair speaker ambassador secretary minister mayor chancellor'.split(' '),
);

/** Before a single unknown capitalised word: "my manager Ingrid", "I asked Kwame". */
export const PERSON_CUES_BEFORE_ONE_WORD = new Set(
  (
    'manager boss colleague coworker teammate mentor lead director asked told met pinged messaged ' +
    'emailed thanked cc'
  ).split(' '),
);

/** Before a month, a preposition makes it a date: "In June", "since May". */
export const TIME_PREPOSITIONS = new Set(
  (
    'in on since until till by before after during last next this early late mid every each of ' +
    'through from around'
  ).split(' '),
);

/** Parts of a company someone can be "from": "Ingrid Solberg from finance". */
export const DEPARTMENTS = new Set(
  (
    'sales marketing finance legal hr engineering product design support ops operations it ' +
    'security data recruiting people accounting procurement research platform infra ' +
    'infrastructure mobile web backend frontend qa growth partnerships comms communications pr ' +
    'leadership management facilities payroll analytics devops sre compliance risk strategy ' +
    'success editorial content brand'
  ).split(' '),
);

export const TEAM_WORDS = new Set([
  'team',
  'office',
  'group',
  'org',
  'department',
  'squad',
  'side',
]);
