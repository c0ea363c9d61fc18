export type RedactionKind = 'name' | 'email' | 'phone' | 'url' | 'handle' | 'id';

/** A run of the original text that is replaced; offsets index the original text. */
export interface RedactionSpan {
  start: number;
  end: number;
  kind: RedactionKind;
  placeholder: string;
}

export type WarningKind =
  'only-one' | 'tenure' | 'team-size' | 'role-title' | 'personal-number' | 'age' | 'life-event';

/** A phrase that may identify the asker; it is kept, the person capturing decides. */
export interface RedactionWarning {
  kind: WarningKind;
  message: string;
  start: number;
  end: number;
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
