// The whole product as one Fastify app: API under /api, the built web app at /.
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { DbHandle } from '@kb/db';
import type { SearchService } from '@kb/search';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyPluginCallback,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { Redactor } from './domain/redactor.ts';
import { seedInstallation, type SeedReport } from './domain/seed.ts';
import { clientErrorHandler, errorHandler, problem } from './errors.ts';
import { serializerCompiler } from './serializer.ts';
import auditPlugin from './plugins/audit.ts';
import authPlugin from './plugins/auth.ts';
import compressAnswers from './plugins/compress-answers.ts';
import readCachePlugin from './plugins/read-cache.ts';
import dbPlugin from './plugins/db.ts';
import maintenancePlugin from './plugins/maintenance.ts';
import searchPlugin from './plugins/search.ts';
import securityPlugin from './plugins/security.ts';
import webAppPlugin, { inlineScriptHashes } from './plugins/web-app.ts';
import themesPlugin from './plugins/themes.ts';
import alertRoutes from './routes/alerts.ts';
import answerRoutes from './routes/answers.ts';
import authRoutes from './routes/auth.ts';
import categoryRoutes from './routes/categories.ts';
import exchangeRoutes from './routes/exchange.ts';
import eventRoutes from './routes/events.ts';
import healthRoutes from './routes/health.ts';
import meetingRoutes from './routes/meetings.ts';
import packRoutes from './routes/packs.ts';
import questionRoutes from './routes/questions.ts';
import redactionRoutes from './routes/redactions.ts';
import rosterRoutes from './routes/roster.ts';
import searchRoutes from './routes/search.ts';
import themeRoutes from './routes/themes.ts';
import trendRoutes from './routes/trends.ts';
import userRoutes from './routes/users.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    redactor: Redactor;
    /** What the start-up seeding did; null until the app is ready or when seeding is off. */
    seedReport: SeedReport | null;
  }
}

/**
 * Fastify's request logging, with one line per request where it writes two: the arrival is
 * logged at debug only, and the line written once the request is answered (or has failed) names
 * the request too (method, path without its query, id). Each line is a write to stdout. Its other
 * lines (stream errors, serializer failures) stay as they are.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export interface AppOptions {
  /** Reuse an open database (tests); otherwise the app opens and closes its own. */
  dbHandle?: DbHandle;
  /** Where log lines go; defaults to stdout (pretty on a terminal). */
  logStream?: NodeJS.WritableStream;
  /** Skip categories, first admin and demo data (tests seed what they need). */
  seed?: boolean;
  /** A search engine the caller runs (tests); otherwise the config decides. */
  search?: SearchService;
  syncIdleMs?: number;
}

export const JSON_BODY_LIMIT = 256 * 1024;

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // request.ip is the client's only through the proxies TRUST_PROXY names. Fastify takes a hop
    // count too, though its types leave the number out.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    return503OnClosing: true,
    // Start-up work, including the demo history a new installation is seeded with (a few seconds,
    // tens on a busy two-core machine), runs before the app is ready: give it time to.
    pluginTimeout: 120_000,
    // Malformed URLs and overlong path parameters never reach a route: answer them in the same form.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status: 400 | 414 = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail = status === 414 ? 'A path parameter is too long.' : 'The URL is not valid.';
      void reply
        .code(status)
        .type('application/problem+json')
        .send(JSON.stringify(problem(request, 'validation', status, detail)));
    },
    // Nor do requests Node's HTTP parser refuses, such as headers over its 16 KB limit (431).
    clientErrorHandler,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // Before compression, so it keeps the serialized answers and compression still runs on a hit.
  await app.register(readCachePlugin);
  // Pages, assets and API answers alike: JSON lists and the web app's scripts shrink to a third.
  // JSON answers are compressed at once, streams by @fastify/compress.
  await app.register(compressAnswers);
  app.addHook('onRoute', leaveJsonRoutesUncompressedByStreams);
  await app.register(compress, { threshold: 1024 });
  await app.register(securityPlugin, { config, scriptHashes: inlineScriptHashes(config.webDir) });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '1:1 questions knowledge base',
        description:
          'Anonymized questions from 1:1s, their categories, and the accounts that use them.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kb_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(dbPlugin, {
    config,
    ...(options.dbHandle ? { dbHandle: options.dbHandle } : {}),
  });
  app.decorate('redactor', new Redactor(app.db));
  app.addHook('onClose', () => app.redactor.close());
  await app.register(authPlugin, { config });
  await app.register(auditPlugin);
  await app.register(maintenancePlugin);
  // The API documentation describes the routes, never data: it is readable without a session.
  await app.register(publicScope(swaggerUi), { routePrefix: '/api/docs' });
  await app.register(searchPlugin, {
    config,
    ...(options.search ? { service: options.search } : {}),
    ...(options.syncIdleMs ? { syncIdleMs: options.syncIdleMs } : {}),
  });

  await app.register(themesPlugin, { config });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(redactionRoutes);
      await api.register(meetingRoutes);
      await api.register(questionRoutes);
      await api.register(categoryRoutes);
      await api.register(rosterRoutes);
      await api.register(userRoutes);
      await api.register(searchRoutes);
      await api.register(themeRoutes);
      await api.register(trendRoutes);
      await api.register(alertRoutes);
      await api.register(answerRoutes);
      await api.register(packRoutes);
      await api.register(exchangeRoutes);
      await api.register(eventRoutes);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
        app.swagger(),
      );
    },
    { prefix: '/api' },
  );

  await app.register(publicScope(webAppPlugin), { webDir: config.webDir });

  app.decorate('seedReport', null);
  app.addHook('onReady', async () => {
    if (options.seed !== false) {
      // App processes starting together seed one at a time: the second finds the work done.
      app.seedReport = await app.dbHandle.exclusively(() =>
        seedInstallation({ db: app.db, redactor: app.redactor, themes: app.themes, config }),
      );
      app.log.info(app.seedReport, 'installation seeded');
    }
    app.startThemeJob();
  });
  return app;
}

const methodsWithBodies = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A route with a response schema answers with serialized JSON, which compress-answers compresses
 * before @fastify/compress would look at it: its hooks (three on every request) stay off such
 * routes, and its request decompression off routes that take no body. Routes that stream or send
 * other types (exports, the digest, the web app's files) keep it.
 */
function leaveJsonRoutesUncompressedByStreams(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (route.schema?.response && route.compress === undefined) route.compress = false;
  if (!methods.some((m) => methodsWithBodies.has(m)) && route.decompress === undefined) {
    route.decompress = false;
  }
}

/**
 * Registers a plugin in a scope of its own whose routes anyone may call: third-party plugins
 * (documentation, static files) cannot declare access themselves.
 */
function publicScope<Options extends object>(
  plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>,
) {
  return async (scope: FastifyInstance, options: Options) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await scope.register(plugin, options);
  };
}

function loggerOptions(
  config: Config,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  const base = {
    level: config.logLevel,
    // Only method, path and id: query strings and bodies may hold what somebody typed.
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
    redact: { paths: ['req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
  };
  if (stream) return { ...base, stream } as FastifyServerOptions['logger'];
  if (process.stdout.isTTY) {
    return {
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
      },
    };
  }
  return base;
}
