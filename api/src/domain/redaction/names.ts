// People's names in a question: the roster first, then people the roster does not know.
import { findPlaces } from './lexicon/places.ts';
import { findUnrosteredNames } from './people.ts';
import { findRosterNames, type Roster } from './roster.ts';
import { Tagging } from './tagging.ts';
import type { Found } from './types.ts';
import type { Context } from './usage.ts';
import type { Reading } from './words.ts';

export function findNames(text: string, reading: Reading, roster: Roster): Found[] {
  const inPlaceName = new Set<number>();
  for (const { first, last } of findPlaces(text, reading.words)) {
    if (last > first) for (let k = first; k <= last; k++) inPlaceName.add(k);
  }
  const ctx: Context = {
    text,
    words: reading.words,
    tagging: new Tagging(text, reading),
    inPlaceName,
  };
  const covered = new Set<number>();
  return [...findRosterNames(ctx, roster, covered), ...findUnrosteredNames(ctx, covered)];
}
