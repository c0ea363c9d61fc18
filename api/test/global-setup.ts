// Once per test run: a fresh, migrated template database on the Postgres server, dropped at the end.
// Each test file clones it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { createDb } from '@kb/db';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL to clone template databases on, or null when tests run on PGlite. */
    postgresServerUrl: string | null;
    templateDatabase: string | null;
  }
}

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    if (process.env.CI) {
      throw new Error(
        `CI needs Postgres for the tests, and ${redactUrl(serverUrl)} does not answer: ${String(error)}`,
      );
    }
    console.warn(
      `\n!!! Postgres at ${redactUrl(serverUrl)} does not answer: the tests run on embedded PGlite instead.\n` +
        '!!! Start Postgres or set TEST_DATABASE_URL to test against a real server.\n',
    );
    project.provide('postgresServerUrl', null);
    project.provide('templateDatabase', null);
    return;
  }

  const template = `kb_test_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${template}`);
  const handle = createDb({
    kind: 'postgres',
    url: databaseUrl(serverUrl, template),
    maxConnections: 1,
  });
  await handle.migrate();
  await handle.close();

  project.provide('postgresServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    // Drop every database this run made: the template and the per-file clones.
    const rows = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${template + '%'}`;
    for (const { datname } of rows) {
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    }
    await admin.end({ timeout: 5 });
  };
}

export function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
