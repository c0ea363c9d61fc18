// How themes represent a question: the TextRepresentation interface and its TF-IDF
// implementation over the text layer's terms, so a semantic embedding can take its place later.
import { EMPTY_VECTOR, normalise, terms, type SparseVector } from '@kb/search';

export type { SparseVector };

export interface TextRepresentation {
  /** Learns whatever the representation needs (vocabulary, weights) from a corpus. */
  fit(texts: readonly string[]): void;
  /** A unit-length vector; texts with nothing known give an empty vector. */
  embed(text: string): SparseVector;
  /** The readable term behind an id, for labels. */
  term(id: number): string;
  /** How many dimensions its vectors have (term ids are below it). */
  readonly size: number;
}

export interface TfidfOptions {
  /** Word pairs as extra terms. */
  pairs?: boolean;
  /** Terms in fewer documents are dropped: they cannot make two questions alike. */
  minDocumentFrequency?: number;
}

/** Sublinear TF-IDF over stemmed words and word pairs, L2-normalised. */
export class TfidfRepresentation implements TextRepresentation {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Documents holding each term, by id, and documents seen in all. */
  private readonly documentFrequency: number[] = [];
  private documents = 0;

  constructor(private readonly options: TfidfOptions = {}) {}

  fit(texts: readonly string[]): void {
    // The same question asked in many 1:1s is read once and counted as often as it was asked.
    const asked = new Map<string, number>();
    for (const text of texts) asked.set(text, (asked.get(text) ?? 0) + 1);
    const documentFrequency = new Map<string, number>();
    for (const [text, times] of asked) {
      for (const term of new Set(terms(text, { pairs: this.options.pairs ?? true }))) {
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + times);
      }
    }
    const minimum = this.options.minDocumentFrequency ?? 2;
    this.ids.clear();
    this.names.length = 0;
    this.documentFrequency.length = 0;
    this.documents = texts.length;
    for (const [term, df] of documentFrequency) {
      if (df < minimum) continue;
      this.ids.set(term, this.names.length);
      this.names.push(term);
      this.documentFrequency.push(df);
    }
  }

  /**
   * Counts one more document, so a question written after `fit` is described by its own words
   * rather than only by those the corpus knew. Only with a minimum document frequency of 1: with
   * a higher one, a word seen once would be kept here but dropped by `fit`.
   */
  learn(text: string): void {
    if ((this.options.minDocumentFrequency ?? 2) > 1) {
      throw new Error('learn() needs minDocumentFrequency: 1');
    }
    this.documents += 1;
    for (const term of new Set(terms(text, { pairs: this.options.pairs ?? true }))) {
      const id = this.ids.get(term);
      if (id !== undefined) {
        this.documentFrequency[id]! += 1;
      } else {
        this.ids.set(term, this.names.length);
        this.names.push(term);
        this.documentFrequency.push(1);
      }
    }
  }

  private idf(id: number): number {
    return Math.log((1 + this.documents) / (1 + this.documentFrequency[id]!)) + 1;
  }

  embed(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const term of terms(text, { pairs: this.options.pairs ?? true })) {
      const id = this.ids.get(term);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const weighted = new Map<number, number>();
    for (const [id, n] of counts) weighted.set(id, (1 + Math.log(n)) * this.idf(id));
    return normalise(weighted);
  }

  /**
   * The vector `text` would get once learnt (`learn`), without learning it: each text judged alone
   * against the corpus, whatever else is judged beside it. Words the corpus never saw weigh in its
   * length (as rare as words get) but, having no id, match nothing.
   */
  embedAsNew(text: string): SparseVector {
    const counts = new Map<string, number>();
    for (const term of terms(text, { pairs: this.options.pairs ?? true })) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const weighted = new Map<number, number>();
    let unseen = 0;
    for (const [term, n] of counts) {
      const id = this.ids.get(term);
      const df = (id === undefined ? 0 : this.documentFrequency[id]!) + 1;
      const weight = (1 + Math.log(n)) * (Math.log((2 + this.documents) / (1 + df)) + 1);
      if (id === undefined) unseen += weight * weight;
      else weighted.set(id, weight);
    }
    const known = normalise(weighted);
    if (unseen === 0) return known;
    let squared = 0;
    for (const w of weighted.values()) squared += w * w;
    if (squared === 0) return EMPTY_VECTOR;
    const scale = Math.sqrt(squared / (squared + unseen));
    return { ids: known.ids, weights: known.weights.map((w) => w * scale) };
  }

  term(id: number): string {
    return this.names[id] ?? '';
  }

  get size(): number {
    return this.names.length;
  }
}
