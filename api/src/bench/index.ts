// npm run bench -- [--quick]: each section prints its figures; the last line is one JSON object.
import { benchCapture } from './capture.ts';
import { benchImport } from './import.ts';
import { benchSearch } from './search.ts';
import { benchThemes } from './themes.ts';
import { benchTrends } from './trends.ts';

const quick = process.argv.includes('--quick');
console.log(`Benchmarks${quick ? ' (quick sizes)' : ''}`);
const results = {
  ...(await benchSearch(quick)),
  ...(await benchCapture(quick)),
  ...(await benchImport(quick)),
  ...(await benchTrends(quick)),
  ...(await benchThemes(quick)),
};
console.log(JSON.stringify(results));
