// Configuration from the environment, parsed once at boot; a bad value stops the start naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { passwordWeakness } from './domain/passwords.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: booleanFlag.optional(),
  DEMO_DATA: booleanFlag.default(true),
  WEB_DIR: z.string().min(1).optional(),
  MEILI_URL: z.url({ error: 'must be a URL such as http://meilisearch:7700' }).optional(),
  MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 bytes').optional(),
  SEARCH: z.enum(['on', 'off']).default('on'),
  K_ANONYMITY: z.coerce.number().int().min(2, 'must be at least 2').max(100).default(5),
  PUBLIC_URL: z
    .url({ error: 'must be the address people open, such as https://asked.example.com' })
    .optional(),
  TRUST_PROXY: z.string().min(1).optional(),
  PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  THEMES_RECOMPUTE_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(60),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  logLevel: (typeof logLevels)[number];
  admin: { email: string; password: string } | null;
  sessionTtlHours: number;
  /** Secure cookies need HTTPS; off by default so the embedded default works on http://localhost. */
  cookieSecure: boolean;
  demoData: boolean;
  /** The built web app; null serves the API alone. */
  webDir: string | null;
  /** Smallest number of distinct meetings a shown count may stand for. */
  kAnonymity: number;
  /**
   * The origin people open (scheme, host and port), when fixed: then only it may send writes and only
   * its host is served. Null accepts the request's own Host and compares the Origin against it.
   */
  publicUrl: URL | null;
  /**
   * Which proxies' X-Forwarded-For is believed, as Fastify's `trustProxy` takes it: false (none), a
   * hop count, or a comma-separated list of addresses and CIDR ranges.
   */
  trustProxy: boolean | number | string;
  /** How often themes are recomputed in the background; 0 turns it off. */
  themesRecomputeMinutes: number;
  /**
   * App processes serving the one port (Node's cluster): more than one needs Postgres and a
   * Meilisearch of its own, as the embedded ones belong to a single process.
   */
  processes: number;
  search:
    | { kind: 'remote'; url: string; masterKey: string }
    | { kind: 'embedded'; dataDir: string }
    | { kind: 'off' };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const defaultWebDir = new URL('../../web/build', import.meta.url).pathname;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset: compose files pass `${NAME:-}` for what an operator may leave out.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither',
    );
  }
  if (e.MEILI_URL && !e.MEILI_MASTER_KEY) {
    throw new ConfigError('Invalid configuration:\n  MEILI_MASTER_KEY: required with MEILI_URL');
  }
  if (e.PROCESSES > 1 && (!e.DATABASE_URL || (e.SEARCH === 'on' && !e.MEILI_URL))) {
    throw new ConfigError(
      'Invalid configuration:\n  PROCESSES: more than one needs DATABASE_URL and MEILI_URL (or SEARCH=off); the embedded database and search engine serve one process',
    );
  }
  const unsafe = unsafeSecrets(e);
  if (unsafe.length > 0) throw new ConfigError(`Invalid configuration:\n${unsafe.join('\n')}`);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    logLevel: e.LOG_LEVEL,
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD }
        : null,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? false,
    demoData: e.DEMO_DATA,
    webDir: e.WEB_DIR ? path.resolve(e.WEB_DIR) : defaultWebDir,
    kAnonymity: e.K_ANONYMITY,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : null,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    themesRecomputeMinutes: e.THEMES_RECOMPUTE_MINUTES,
    processes: e.PROCESSES,
    search:
      e.SEARCH === 'off'
        ? { kind: 'off' }
        : e.MEILI_URL
          ? { kind: 'remote', url: e.MEILI_URL, masterKey: e.MEILI_MASTER_KEY! }
          : { kind: 'embedded', dataDir: path.join(dataDir, 'meili') },
  };
}

/**
 * Secrets still holding .env.example's placeholders ("change-me-…"), which anyone can read, and a
 * first admin password that is easy to guess: an installation must not start with either.
 */
function unsafeSecrets(e: z.infer<typeof envSchema>): string[] {
  const placeholder = (value: string | undefined) =>
    value !== undefined && /change-?me/i.test(value);
  const secrets = {
    ADMIN_PASSWORD: e.ADMIN_PASSWORD,
    MEILI_MASTER_KEY: e.MEILI_MASTER_KEY,
    DATABASE_URL: e.DATABASE_URL,
  };
  const lines = Object.entries(secrets)
    .filter(([, value]) => placeholder(value))
    .map(
      ([variable]) =>
        `  ${variable}: still holds the example's placeholder; set a secret of your own`,
    );
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD && !placeholder(e.ADMIN_PASSWORD)) {
    const weakness = passwordWeakness(e.ADMIN_PASSWORD, e.ADMIN_EMAIL);
    if (weakness) lines.push(`  ADMIN_PASSWORD: ${weakness.detail}`);
  }
  return lines;
}

/** "true" trusts every hop (only behind a proxy that strips the header), a number that many hops. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
