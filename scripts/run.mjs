#!/usr/bin/env node
// Every npm script goes through here: install what is missing, build the web app when it is stale,
// then run the task. Needs only Node 20+; pnpm itself is fetched through npx on first use.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The pnpm the lockfile is written by, as package.json names it.
const PNPM_VERSION = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
).packageManager.replace(/^pnpm@/, '');
const [task, ...args] = process.argv.slice(2);

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(command, commandArgs, options) {
  const status = run(command, commandArgs, options);
  if (status !== 0) process.exit(status);
}

const pnpm = (pnpmArgs, options) =>
  mustRun('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...pnpmArgs], options);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'build' || entry === '.svelte-kit') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.modules.yaml');
  const lockfile = path.join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  console.log('Installing dependencies…');
  pnpm(['install', '--frozen-lockfile', '--config.confirmModulesPurge=false']);
}

function ensureWebBuilt() {
  const built = path.join(root, 'web', 'build', 'index.html');
  const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) =>
    newestMtime(path.join(root, 'web', p)),
  );
  const apiContract = newestMtime(path.join(root, 'api', 'src', 'schemas'));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources, apiContract)) return;
  console.log('Building the web app…');
  pnpm(['--filter', '@kb/web', 'build']);
}

const tsx = (script, scriptArgs, options) =>
  mustRun(process.execPath, ['--import', 'tsx', script, ...scriptArgs], options);

const tasks = {
  start() {
    ensureInstalled();
    ensureWebBuilt();
    tsx('api/src/server.ts', args);
  },
  test() {
    ensureInstalled();
    ensureWebBuilt();
    mustRun(bin('vitest'), ['run', ...args]);
  },
  build() {
    ensureInstalled();
    // What the image runs: db, search and api compiled to their dist/ in that order, the web app
    // into web/build.
    pnpm(['--filter', '@kb/api...', '--filter', '@kb/web', 'build']);
  },
  lint() {
    ensureInstalled();
    mustRun(bin('eslint'), ['.', ...args]);
  },
  format() {
    ensureInstalled();
    mustRun(bin('prettier'), ['--write', '.', ...args]);
  },
  typecheck() {
    ensureInstalled();
    for (const pkg of ['db', 'search', 'api', 'tools']) {
      mustRun(bin('tsc'), ['--noEmit', '-p', pkg]);
    }
    pnpm(['--filter', '@kb/web', 'typecheck']);
  },
  check() {
    ensureInstalled();
    mustRun(bin('prettier'), ['--check', '.']);
    tasks.lint();
    tasks.typecheck();
  },
  'eval:redaction'() {
    ensureInstalled();
    tsx('tools/src/eval/redaction.ts', args);
  },
  'eval:themes'() {
    ensureInstalled();
    tsx('tools/src/eval/themes.ts', args);
  },
  'eval:surprise'() {
    ensureInstalled();
    tsx('tools/src/eval/surprise.ts', args);
  },
  bench() {
    ensureInstalled();
    tsx('tools/src/bench/index.ts', args);
  },
  chaos() {
    ensureInstalled();
    tsx('tools/src/bench/chaos.ts', args);
  },
  'eval:alerts'() {
    ensureInstalled();
    tsx('tools/src/eval/alerts.ts', args);
  },
  cli() {
    ensureInstalled();
    tsx('api/src/cli/index.ts', args);
  },
};

const chosen = tasks[task];
if (!chosen) {
  console.error(`Unknown task "${task}". Tasks: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
chosen();
