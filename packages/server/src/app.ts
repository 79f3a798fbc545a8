import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import type { AppContext } from './app-context.ts';
import { AppError } from './http/app-error.ts';
import { serializeError } from './http/error-log.ts';
import { createOpenApiShaping } from './http/openapi-document.ts';
import { RequestLogController, serializeRequest } from './http/request-log.ts';
import { sessionPlugin } from './modules/accounts/index.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { API_MODULES } from './modules/index.ts';
import { transparencyLogPublicRoutes } from './modules/transparency-log/index.ts';
import { connectionDrainPlugin } from './plugins/connection-drain.ts';
import { loadSheddingPlugin } from './plugins/load-shedding.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { problemDetailsPlugin, sendProblem } from './plugins/problem-details.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';

export const API_PREFIX = '/api/v1';

/** Log redaction: credentials, codes, message bodies and identity numbers never reach a log. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-access-code"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.accessCode',
  '*.secret',
  '*.totpSecret',
  '*.nationalId',
  '*.email',
  '*.to',
  '*.text',
  '*.html',
];

/** The one logger of a server process (app, jobs, start-up), with redaction. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Builds the whole application on an already-open context; tests call it and use `inject`. */
export async function buildApp(ctx: AppContext, fastifyOptions: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => randomUUID(),
    logController: new RequestLogController(),
    requestIdHeader: false,
    // Stopping (plugins/connection-drain.ts): close idle connections only, never one carrying a
    // request; a request read while closing is answered (with Connection: close), not refused
    // with Fastify's bare 503, since the client sent it on a connection we had kept open.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    // Errors the router raises before any route runs (bad URL encoding, over-long parameter).
    frameworkErrors: (error, request, reply) => {
      const isTooLong = error.statusCode === 414;
      sendProblem(
        request,
        reply,
        isTooLong ? 414 : 400,
        isTooLong ? 'common.uri_too_long' : 'common.validation_failed',
      );
    },
    ...fastifyOptions,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted; anything else is a 415 problem.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While stopping, every answer closes its connection (docs/operations.md#stopping).
  await app.register(connectionDrainPlugin);

  // External plugins first (fastify/demo's order), then ours, then routes.
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: config.isProduction,
  });
  // Before any work a request would cost (session, body, database): refusal must be cheap.
  await app.register(loadSheddingPlugin, {
    bounds: {
      maxInFlight: config.OVERLOAD_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxEventLoopUtilization: config.OVERLOAD_MAX_EVENT_LOOP_UTILIZATION,
      maxDatabaseWaiting: config.OVERLOAD_MAX_DATABASE_WAITING,
    },
    databaseWaiting: () => ctx.database.waitingForConnection(),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      throw new AppError('common.rate_limited', { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ePeople API',
        version: '1',
        description:
          'Petitions, guidance, suggestions and notices between citizens and public agencies. ' +
          'Errors are RFC 9457 problem details with a stable `code`.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      // Relative: every deployment serves its API at its own address.
      servers: [{ url: '/', description: 'This deployment' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'epeople_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    ...createOpenApiShaping(),
  });
  // The API reference is for integrators; a public deployment shows it only when configured.
  if (ctx.config.API_DOCS_PUBLIC) {
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  }

  await app.register(problemDetailsPlugin);
  await app.register(metricsPlugin, {
    jobs: ctx.jobs,
    token: ctx.config.METRICS_TOKEN,
    isProduction: ctx.config.isProduction,
  });
  await app.register(sessionPlugin, { ctx });

  if (ctx.config.API_DOCS_PUBLIC) {
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }
  await app.register(healthRoutes, { prefix: '/api', ctx });
  for (const module of API_MODULES) {
    await app.register(module.routes, { prefix: API_PREFIX, ctx });
  }
  // The public transparency log (C2SP tlog-tiles) lives at the root, where its origin says.
  await app.register(transparencyLogPublicRoutes, { prefix: '/log', ctx });
  await registerWebApp(app, ctx);
  return app;
}

/**
 * In production the built single-page app is served by this same server: files from the dist
 * folder, and index.html for any other GET outside /api so client-side routes load directly.
 */
async function registerWebApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const distDir = ctx.config.WEB_DIST_DIR ?? join(import.meta.dirname, '../../web/dist');
  const indexPath = join(distDir, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : undefined;
  if (indexHtml) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api') && request.url !== '/metrics';
    if (indexHtml && isPage) return reply.type('text/html; charset=utf-8').send(indexHtml);
    return sendProblem(request, reply, 404, 'common.route_not_found');
  });
}
