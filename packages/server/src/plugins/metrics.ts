import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../http/app-error.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

export interface MetricsOptions {
  jobs: JobQueue;
  /** Scrapers send it as a bearer token; without one, /metrics is served only outside production. */
  token: string | undefined;
  isProduction: boolean;
}

/**
 * Prometheus metrics at /metrics: request counts and latency by route template (never by raw
 * URL, which would carry references and ids), process metrics, and job queue depth.
 * One registry per app, so tests that build many apps do not collide. The figures tell an attacker
 * which routes are slow and how loaded the server is, so production serves them only to a
 * scraper holding METRICS_TOKEN (README, configuration; docs/SECURITY.md, 8.3.1).
 */
async function metrics(app: FastifyInstance, { jobs, token, isProduction }: MetricsOptions): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting or running, by queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, size] of Object.entries(await jobs.depth())) this.set({ queue }, size);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  if (isProduction && token === undefined) return;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined && !bearerMatches(request, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('common.unauthenticated');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function bearerMatches(request: FastifyRequest, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

export const metricsPlugin = fp(metrics, { name: 'metrics' });
