// The hard cases in cases/evasion.jsonl, redacted against cases/roster.txt, scored as the eval
// command scores its dev set: the share of identifying strings gone and of meaning words kept.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRoster, redact } from './index.ts';

const caseSchema = z.object({
  text: z.string(),
  must_remove: z.array(z.string()),
  must_keep: z.array(z.string()),
});

const read = (name: string) => readFileSync(new URL(`./cases/${name}`, import.meta.url), 'utf8');
const cases = read('evasion.jsonl')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => caseSchema.parse(JSON.parse(line)));
const roster = compileRoster(
  read('roster.txt')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

describe('hard redaction cases', () => {
  const outcomes = cases.map((c) => {
    const output = redact(c.text, roster).text;
    return {
      text: c.text,
      leaked: c.must_remove.filter((s) => output.includes(s)),
      lost: c.must_keep.filter((s) => !output.includes(s)),
    };
  });
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  const toRemove = cases.reduce((n, c) => n + c.must_remove.length, 0);
  const toKeep = cases.reduce((n, c) => n + c.must_keep.length, 0);

  it('are many and of both kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.must_remove.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it('remove at least 98% of identifying strings', () => {
    const leaked = outcomes.filter((o) => o.leaked.length > 0);
    const removed = share(toRemove - leaked.reduce((n, o) => n + o.leaked.length, 0), toRemove);
    expect(
      removed,
      JSON.stringify(
        leaked.map((o) => [o.text, o.leaked]),
        null,
        1,
      ),
    ).toBeGreaterThanOrEqual(0.98);
  });

  it('keep at least 98% of meaning words', () => {
    const lost = outcomes.filter((o) => o.lost.length > 0);
    const kept = share(toKeep - lost.reduce((n, o) => n + o.lost.length, 0), toKeep);
    expect(
      kept,
      JSON.stringify(
        lost.map((o) => [o.text, o.lost]),
        null,
        1,
      ),
    ).toBeGreaterThanOrEqual(0.98);
  });
});
