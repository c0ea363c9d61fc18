// Part-of-speech tags and people from the NLP library, one sentence at a time and only for the
// sentences that ask for them: tagging is the slow part of redaction, most questions never need it.
import nlp from 'compromise';
import type { Reading, Word } from './words.ts';

export interface PersonMention {
  start: number;
  end: number;
}

interface SentenceTagging {
  tagsAt: Map<number, readonly string[]>;
  people: PersonMention[];
}

interface TermJson {
  tags?: string[];
  offset?: { start: number };
}

interface MatchJson {
  offset?: { start: number; length: number };
}

function tagSentence(text: string, from: number, to: number): SentenceTagging {
  const doc = nlp(text.slice(from, to));
  const tagsAt = new Map<number, readonly string[]>();
  for (const sentence of doc.json({ offset: true }) as { terms?: TermJson[] }[]) {
    for (const term of sentence.terms ?? []) {
      if (term.offset) tagsAt.set(from + term.offset.start, term.tags ?? []);
    }
  }
  const people: PersonMention[] = [];
  for (const person of doc.people().json({ offset: true }) as MatchJson[]) {
    if (!person.offset) continue;
    const start = from + person.offset.start;
    people.push({ start, end: start + person.offset.length });
  }
  return { tagsAt, people };
}

export class Tagging {
  private readonly bySentence = new Map<number, SentenceTagging>();

  constructor(
    private readonly text: string,
    private readonly reading: Reading,
  ) {}

  private sentence(index: number): SentenceTagging {
    let tagging = this.bySentence.get(index);
    if (!tagging) {
      const range = this.reading.sentences[index];
      tagging = range
        ? tagSentence(this.text, range.start, range.end)
        : { tagsAt: new Map(), people: [] };
      this.bySentence.set(index, tagging);
    }
    return tagging;
  }

  tagsOf(word: Word): readonly string[] {
    return this.sentence(word.sentence).tagsAt.get(word.start) ?? [];
  }

  peopleIn(sentence: number): readonly PersonMention[] {
    return this.sentence(sentence).people;
  }
}
