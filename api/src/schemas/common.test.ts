import { describe, expect, it } from 'vitest';
import { hasControlCharacter } from './common.ts';

describe('hasControlCharacter', () => {
  it("finds exactly Unicode's control characters but tab, line feed and carriage return", () => {
    const control = /\p{Cc}/u;
    const wrong: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      const expected = control.test(character) && !'\t\n\r'.includes(character);
      if (hasControlCharacter(`a${character}b`) !== expected) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });
});
