export type RedactionKind = 'name' | 'email' | 'phone' | 'url' | 'handle' | 'id';

/** A run of the original text that is replaced; offsets index the original text. */
export interface RedactionSpan {
  start: number;
  end: number;
  kind: RedactionKind;
  placeholder: string;
}

export type WarningKind =
  | 'only-one'
  | 'tenure'
  | 'team-size'
  | 'role-title'
  | 'personal-number'
  | 'age'
  | 'life-event'
  | 'combination';

/** Kinds of detail that narrow down who asked once they come together. */
export type QuasiIdentifierKind =
  'role' | 'team' | 'location' | 'tenure' | 'team-size' | 'demographic' | 'only-one';

/** One detail of a combination, as a run of the text. */
export interface WarningPart {
  kind: QuasiIdentifierKind;
  start: number;
  end: number;
}

/** A phrase that may identify the asker; it is kept, the person capturing decides. */
export interface RedactionWarning {
  kind: WarningKind;
  message: string;
  start: number;
  end: number;
  /** For a combination: the details that together narrow the asker down, in text order. */
  parts?: WarningPart[];
  /**
   * For a combination: the question as it would be stored, with each detail in a coarser form
   * ("in one of our offices", "after many years"). Built from the redacted text.
   */
  suggestion?: string;
}

export interface RedactionResult {
  text: string;
  spans: RedactionSpan[];
  warnings: RedactionWarning[];
}

/** Something to redact, before overlaps are settled and placeholders chosen. */
export interface Found {
  start: number;
  end: number;
  kind: RedactionKind;
}

export const placeholder = (kind: RedactionKind) => `[${kind}]`;
