import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

/** The environment docker-compose gives the app from .env.example, as a fresh copy would. */
function exampleEnvironment(): NodeJS.ProcessEnv {
  const file = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const example = Object.fromEntries(
    file
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    DATABASE_URL: `postgres://kb:${example.POSTGRES_PASSWORD}@postgres:5432/kb`,
    MEILI_URL: 'http://meilisearch:7700',
    MEILI_MASTER_KEY: example.MEILI_MASTER_KEY,
    ADMIN_EMAIL: example.ADMIN_EMAIL,
    ADMIN_PASSWORD: example.ADMIN_PASSWORD,
  };
}

describe('configuration', () => {
  it('defaults to the embedded database under DATA_DIR on port 3000', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/kb' });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/tmp/kb/pglite' });
  });

  it('uses Postgres when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/kb' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/kb' });
  });

  it('runs several processes on Postgres with a Meilisearch of its own', () => {
    const config = loadConfig({
      PROCESSES: '3',
      DATABASE_URL: 'postgres://u@db:5432/kb',
      MEILI_URL: 'http://meilisearch:7700',
      MEILI_MASTER_KEY: 'a-master-key-of-24-bytes',
    });
    expect(config.processes).toBe(3);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ADMIN_EMAIL: 'a@example.com' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    // The embedded database and engine belong to one process.
    [{ PROCESSES: '2' }, 'PROCESSES'],
    [{ PROCESSES: '2', DATABASE_URL: 'postgres://u@db:5432/kb' }, 'PROCESSES'],
    [{ PROCESSES: '0' }, 'PROCESSES'],
  ])('stops on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('will not start an installation with .env.example left as it is', () => {
    const start = () => loadConfig(exampleEnvironment());
    expect(start).toThrow(ConfigError);
    for (const variable of ['ADMIN_PASSWORD', 'MEILI_MASTER_KEY', 'DATABASE_URL']) {
      expect(start).toThrow(variable);
    }
  });

  it.each([
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'change-me-please-now' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'My-Change-Me-Passphrase' }],
    [
      'MEILI_MASTER_KEY',
      { MEILI_URL: 'http://meili:7700', MEILI_MASTER_KEY: 'change-me-to-a-long-random-string' },
    ],
  ])('refuses a placeholder in %s', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`${variable}: still holds the example's placeholder`);
  });

  it.each(['aaaaaaaaaaaa', 'password1234', 'a@example.com'])(
    'refuses a first admin password as easy to guess as %s',
    (password) => {
      const env = { ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: password };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow('ADMIN_PASSWORD: The password is too easy to guess.');
    },
  );

  it('takes a first admin with a strong password', () => {
    const config = loadConfig({
      ADMIN_EMAIL: 'A@example.com',
      ADMIN_PASSWORD: 'a long passphrase',
    });
    expect(config.admin).toEqual({ email: 'a@example.com', password: 'a long passphrase' });
  });
});
