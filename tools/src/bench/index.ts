// npm run bench -- [--quick] [--only search,capture,import,trends,themes,processes]: each section prints its
// figures; the last line is one JSON object with every figure measured.
import { parseArgs } from 'node:util';
import { benchCapture } from './capture.ts';
import { benchImport } from './import.ts';
import { benchProcesses } from './processes.ts';
import { benchSearch } from './search.ts';
import { benchThemes } from './themes.ts';
import { benchTrends } from './trends.ts';

const sections = {
  search: benchSearch,
  capture: benchCapture,
  import: benchImport,
  trends: benchTrends,
  themes: benchThemes,
  processes: benchProcesses,
} satisfies Record<string, (quick: boolean) => Promise<Record<string, number>>>;
type Section = keyof typeof sections;

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const chosen = (values.only?.split(',') ?? Object.keys(sections)).map((s) => s.trim());
const unknown = chosen.filter((s) => !(s in sections));
if (unknown.length > 0) {
  console.error(
    `Unknown section ${unknown.join(', ')}; choose from ${Object.keys(sections).join(', ')}.`,
  );
  process.exit(2);
}

console.log(`Benchmarks${values.quick ? ' (quick sizes)' : ''}: ${chosen.join(', ')}`);
const results: Record<string, number> = {};
for (const section of chosen as Section[]) {
  Object.assign(results, await sections[section](values.quick));
}
console.log(JSON.stringify(results));
