// Places and holidays: capitalised words that are not people, so "the Sydney team", "São Paulo",
// "Valentine's offsite" and "Diwali" survive redaction. The NLP library knows most cities and
// countries; this list adds the places it reads as people ("Sydney", "Austin"), cities where
// companies keep offices that it lacks, and holidays of many calendars, which it does not list.
// A place is still a hint about who asked: the re-identification warnings read this list too.
import nlp from 'compromise';
import { readWords, type Word } from '../words.ts';

const PLACES_THAT_ARE_ALSO_NAMES = `
  Adelaide Aurora Austin Beverly Brisbane Camden Carolina Charlotte Chelsea Chester Dallas Darwin
  Denver Florence Georgia Hamilton Houston India Israel Jordan Kent Kenya Lima Lincoln Madison
  Marion Orlando Paris Perth Phoenix Preston Regina Santiago Savannah Sydney Troy Tyler Victoria
  Virginia Wellington York`;

const CITIES = `
  Abuja Antalya Bengaluru Bilbao Bologna Bordeaux Braga Brno Casablanca Chennai Cluj Danang Davao
  Entebbe Espoo Gdansk Gurgaon Gurugram Groningen Hanover Harare Hyderabad Kathmandu Kigali Kochi
  Krakow Kraków Kumasi Lille Lusaka Malaga Manama Mombasa Monterrey Multan Noida Nuremberg Odesa
  Pokhara Porto Pune Wroclaw Wrocław Yogyakarta
  São_Paulo Ho_Chi_Minh_City Mexico_City St_Petersburg Saint_Petersburg New_York_City Hong_Kong
  Tel_Aviv Cape_Town Buenos_Aires Rio_de_Janeiro Kuala_Lumpur San_Francisco Los_Angeles
  Silicon_Valley Bay_Area Abu_Dhabi Dar_es_Salaam Addis_Ababa Phnom_Penh New_Delhi Sri_Lanka
  Costa_Rica Puerto_Rico South_Africa South_Korea North_Macedonia New_Zealand United_Kingdom
  United_States United_Arab_Emirates Saudi_Arabia Czech_Republic El_Salvador Las_Vegas San_Diego
  San_Jose Washington_DC The_Hague Cluj_Napoca Porto_Alegre Belo_Horizonte Santo_Domingo
  Panama_City Guatemala_City Quezon_City Chiang_Mai George_Town Port_Louis Gold_Coast
  Latin_America Middle_East North_America South_America East_Africa West_Africa Southeast_Asia`;

const HOLIDAYS = `
  Ashura Baisakhi Bihu Carnaval Carnival Chanukah Christmas Chuseok Deepavali Diwali Dussehra
  Easter Eid Halloween Hanukkah Hogmanay Holi Juneteenth Koningsdag Kwanzaa Lohri Mawlid
  Midsummer Navratri Navruz Nowruz Obon Oktoberfest Onam Passover Pesach Pongal Purim Ramadan
  Ramazan Rakhi Seollal Shavuot Sinterklaas Songkran Sukkot Tet Thanksgiving Ugadi Vaisakhi
  Valentine Valentines Vesak Xmas
  Lunar_New_Year Chinese_New_Year New_Year Yom_Kippur Rosh_Hashanah Good_Friday Boxing_Day
  Labor_Day Labour_Day Memorial_Day Independence_Day Heritage_Day Freedom_Day Youth_Day
  Mardi_Gras St_Patrick Saint_Patrick Bastille_Day Canada_Day Australia_Day Waitangi_Day
  Anzac_Day King's_Day Golden_Week Mid-Autumn_Festival Dragon_Boat_Festival Durga_Puja
  Ganesh_Chaturthi Raksha_Bandhan Guru_Nanak_Jayanti Martin_Luther_King_Day Presidents_Day
  Veterans_Day Remembrance_Day Family_Day Pride_Month Black_History_Month Earth_Day
  Eid_al-Fitr Eid_al-Adha Day_of_the_Dead Día_de_los_Muertos`;

const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place']);
const lexicon = (nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } }).one
  ?.lexicon;

const keysOf = (phrase: string) => readWords(phrase.replace(/_/g, ' ')).words.map((w) => w.key);

/** What a phrase names: a city or country (where an office is), another place, or a holiday. */
export type PlaceKind = 'city' | 'region' | 'holiday';

interface Phrase {
  keys: string[];
  kind: PlaceKind;
}

/** Every place and holiday, grouped by its first word's key; longest first. */
const PHRASES = new Map<string, Phrase[]>();
const SINGLE = new Set<string>();

function add(keys: string[], kind: PlaceKind): void {
  if (keys.length === 0) return;
  if (keys.length === 1) SINGLE.add(keys[0]!);
  const list = PHRASES.get(keys[0]!) ?? [];
  list.push({ keys, kind });
  PHRASES.set(keys[0]!, list);
}

for (const [name, entry] of Object.entries(lexicon ?? {})) {
  const tags = typeof entry === 'string' ? [entry] : entry;
  if (!tags.some((t) => PLACE_TAGS.has(t))) continue;
  add(keysOf(name), tags.includes('City') || tags.includes('Country') ? 'city' : 'region');
}
for (const list of [PLACES_THAT_ARE_ALSO_NAMES, CITIES]) {
  for (const place of list.split(/\s+/)) add(keysOf(place), 'city');
}
for (const holiday of HOLIDAYS.split(/\s+/)) add(keysOf(holiday), 'holiday');
for (const list of PHRASES.values()) list.sort((a, b) => b.keys.length - a.keys.length);

/** A place or holiday named in one word: "sydney", "diwali". */
export function isPlaceWord(key: string): boolean {
  return SINGLE.has(key);
}

// Words of one place name follow each other with a space or a hyphen ("Mid-Autumn Festival"),
// or with the full stop of an abbreviation ("St. Patrick").
const joined = (text: string, a: Word, b: Word) =>
  a.sentence === b.sentence && /^(?:\.? |-)$/.test(text.slice(a.writtenEnd, b.start));

export interface PlaceMention {
  /** Indexes of its first and last word. */
  first: number;
  last: number;
  kind: PlaceKind;
}

/** The runs of words that name a place or a holiday. */
export function findPlaces(text: string, words: readonly Word[]): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrases = PHRASES.get(words[i]!.key);
    if (!phrases) continue;
    const phrase = phrases.find(
      ({ keys }) =>
        keys.every((key, k) => words[i + k]?.key === key) &&
        keys.every((_, k) => k === 0 || joined(text, words[i + k - 1]!, words[i + k]!)),
    );
    if (!phrase) continue;
    found.push({ first: i, last: i + phrase.keys.length - 1, kind: phrase.kind });
    i += phrase.keys.length - 1;
  }
  return found;
}
