// Measures redaction on labelled cases: the share of must-remove strings that are gone and of
// must-keep strings that survive. Prints a table, then one JSON object as the last line.
//   npm run eval:redaction -- [--cases FILE] [--roster FILE]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileRoster, redact } from '@kb/api';
import { z } from 'zod';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));

const caseSchema = z.object({
  text: z.string(),
  must_remove: z.array(z.string()),
  must_keep: z.array(z.string()),
});

function readOrExit(file: string): string {
  if (!existsSync(file)) {
    console.error(`Cannot read ${file}: no such file. Pass --cases and --roster.`);
    process.exit(2);
  }
  return readFileSync(file, 'utf8');
}

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: `${evalDir}pii-dev.jsonl` },
    roster: { type: 'string', default: `${evalDir}roster-dev.txt` },
  },
});

const cases = readOrExit(values.cases!)
  .split('\n')
  .filter((line) => line.trim())
  .map((line, i) => {
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      console.error(
        `${values.cases}:${i + 1}: not a redaction case: ${parsed.error.issues[0]?.message}`,
      );
      process.exit(2);
    }
    return parsed.data;
  });
const roster = compileRoster(
  readOrExit(values.roster!)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
);

let removed = 0;
let removeTotal = 0;
let kept = 0;
let keepTotal = 0;
const started = performance.now();
const rows: string[] = [];
cases.forEach((c, i) => {
  const output = redact(c.text, roster).text;
  const leaked = c.must_remove.filter((s) => output.includes(s));
  const lost = c.must_keep.filter((s) => !output.includes(s));
  removed += c.must_remove.length - leaked.length;
  removeTotal += c.must_remove.length;
  kept += c.must_keep.length - lost.length;
  keepTotal += c.must_keep.length;
  const status = leaked.length === 0 && lost.length === 0 ? 'ok  ' : 'FAIL';
  const notes = [...leaked.map((s) => `leaked "${s}"`), ...lost.map((s) => `lost "${s}"`)].join(
    ', ',
  );
  rows.push(
    `${String(i + 1).padStart(3)}  ${status}  ${String(c.must_remove.length - leaked.length).padStart(2)}/${c.must_remove.length}  ${String(c.must_keep.length - lost.length).padStart(2)}/${c.must_keep.length}  ${notes}`,
  );
});
const seconds = (performance.now() - started) / 1000;

console.log('case  ok    removed  kept  notes');
for (const row of rows) console.log(row);
console.log(`\n${cases.length} cases in ${seconds.toFixed(2)} s`);
const share = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
console.log(
  JSON.stringify({
    cases: cases.length,
    removed: share(removed, removeTotal),
    kept: share(kept, keepTotal),
  }),
);
