// The server as the image runs it: the workspace compiled by its build scripts, the API deployed
// with its production dependencies alone (as the Dockerfile's final stage holds it), started with
// plain node on an empty database, which it migrates from the compiled db package's folder.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { databaseUrl } from './global-setup.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { packageManager } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  packageManager: string;
};
const image = mkdtempSync(path.join(tmpdir(), 'kb-image-'));
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(image, { recursive: true, force: true });
});

function pnpm(args: string[]) {
  const result = spawnSync('npx', ['--yes', packageManager, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`pnpm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** An empty database on the test server, or null to run on PGlite when there is no server. */
async function emptyDatabase(): Promise<string | null> {
  const server = inject('postgresServerUrl');
  if (!server) return null;
  const name = `kb_image_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });
  return databaseUrl(server, name);
}

/** Starts the compiled server with the image's environment; resolves with its address. */
async function startServer(environment: Record<string, string>): Promise<string> {
  const server = spawn(process.execPath, [path.join(image, 'api/dist/server.js')], {
    cwd: image,
    env: {
      PATH: process.env.PATH ?? '',
      // As the Dockerfile's ENV: workspace packages resolve to their compiled dist/.
      NODE_OPTIONS: '--conditions=kb-compiled',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      ADMIN_EMAIL: 'image-check@example.com',
      ADMIN_PASSWORD: 'a strong passphrase for the image check',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  cleanups.push(async () => {
    server.kill('SIGTERM');
    await exited;
  });
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = /Ready: (http:\/\/[^/\s]+)\//.exec(output);
      if (ready) resolve(ready[1]!);
    };
    server.stdout.on('data', collect);
    server.stderr.on('data', collect);
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
}

describe('the production build', () => {
  it('compiles, deploys without development tools and serves from plain node', async () => {
    pnpm(['--filter', '@kb/api...', 'build']);
    pnpm(['--filter', '@kb/api', '--prod', 'deploy', '--legacy', path.join(image, 'api')]);
    const webBuild = path.join(root, 'web/build');
    const haveWeb = existsSync(path.join(webBuild, 'index.html'));
    if (haveWeb) cpSync(webBuild, path.join(image, 'web/build'), { recursive: true });

    const installed = readdirSync(path.join(image, 'api/node_modules/.pnpm'));
    for (const tool of ['tsx@', 'vitest@', 'typescript@', '@gaubee+meilisearch-linux-amd64@']) {
      expect(installed.filter((name) => name.startsWith(tool))).toEqual([]);
    }
    // Compiled code only: no TypeScript sources or tests of the API or its workspace packages.
    for (const deployed of ['api', 'api/node_modules/@kb/db', 'api/node_modules/@kb/search']) {
      const entries = readdirSync(path.join(image, deployed));
      expect(entries).toContain('dist');
      expect(entries.filter((entry) => ['src', 'test', 'tsconfig.json'].includes(entry))).toEqual(
        [],
      );
    }
    expect(readdirSync(path.join(image, 'api/node_modules/@kb/db'))).toContain('migrations');

    const url = await emptyDatabase();
    const base = await startServer({
      SEARCH: 'off',
      DATA_DIR: path.join(image, 'data'),
      ...(url ? { DATABASE_URL: url } : {}),
    });
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        email: 'image-check@example.com',
        password: 'a strong passphrase for the image check',
      }),
    });
    // The first admin exists: the migrations ran and the seed wrote to the database.
    expect(signIn.status).toBe(200);
    if (haveWeb) {
      const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
      expect(`${page.status} ${page.headers.get('content-type')}`).toMatch(/^200 text\/html/);
    }
  }, 240_000);
});
