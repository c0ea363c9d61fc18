// Prints the gzipped JavaScript each page needs (the app entry, the layout, the route node and their
// static imports) and fails the build when the dashboard's exceeds the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(web, '.svelte-kit', 'output', 'client');
const manifest = JSON.parse(readFileSync(path.join(client, '.vite', 'manifest.json'), 'utf8'));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const gzipKb = (keys) =>
  [...keys].reduce(
    (sum, key) => sum + gzipSync(readFileSync(path.join(client, manifest[key].file))).length,
    0,
  ) / 1024;

const keys = Object.keys(manifest);
const entries = keys.filter((k) => manifest[k].isEntry && /entry\/(start|app)/.test(k));
const nodes = keys.filter((k) => /generated\/client-optimized\/nodes\/\d+\.js$/.test(k));
// Each generated node module names the route file it loads.
const routeOf = (node) =>
  /src\/routes(\/[^"']*)?\/\+(page|layout)\.svelte/.exec(
    readFileSync(path.join(web, node), 'utf8'),
  );
const layout = nodes.filter((n) => routeOf(n)?.[1] === undefined && routeOf(n)?.[2] === 'layout');
const routes = nodes.filter((n) => routeOf(n)?.[2] === 'page');

console.log('route                          JS gzipped');
let dashboard = 0;
for (const route of routes) {
  const kb = gzipKb(closure([...entries, ...layout, route]));
  const name = routeOf(route)?.[1] || '/';
  console.log(`${name.padEnd(30)} ${kb.toFixed(1)} KB`);
  if (name === '/dashboard') dashboard = kb;
}
console.log(`dashboard budget: ${dashboard.toFixed(1)} KB of ${BUDGET_KB} KB`);
if (dashboard === 0 || dashboard > BUDGET_KB) {
  console.error(
    dashboard === 0
      ? 'The dashboard route was not found in the build manifest.'
      : `The dashboard's JavaScript is over budget by ${(dashboard - BUDGET_KB).toFixed(1)} KB.`,
  );
  process.exit(1);
}
