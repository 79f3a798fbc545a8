import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { runCommand } from './bench-processes.ts';
import type { PacedRequest } from './paced-load.ts';

/**
 * A crowd beyond capacity (issue 8: 2,000 connections against one node): `connections` clients
 * each send a request, and the next as soon as it is answered or, when refused, after its
 * Retry-After, as the web page and any well-behaved client do, for `seconds`. Answers are split
 * into served (2xx, 4xx) and refused (503), each with its own latency, and `/api/health` is asked
 * every 100 ms on a new connection by another process (health-probe.ts), as an orchestrator's
 * liveness probe would (docs/operations.md#load-shedding).
 */
export interface OverloadResult {
  served: number;
  refused: number;
  /** 5xx other than 503, and socket errors or time-outs. */
  failed: number;
  servedP50: number;
  servedP99: number;
  refusedP50: number;
  refusedP99: number;
  healthP50: number;
  healthP99: number;
  healthMax: number;
  healthFailed: number;
}

/** A probe slower than this counts as failed: an orchestrator's usual liveness time-out. */
const PROBE_TIMEOUT_MS = 10_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function exchange(
  agent: Agent,
  target: URL,
  next: PacedRequest,
  timeoutMs: number,
): Promise<{ status: number; ms: number; retryAfter: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const { method, path, headers = {}, body } = next;
    const outgoing = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method,
        path,
        timeout: timeoutMs,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        const retryAfter = Number(response.headers['retry-after'] ?? 0);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, retryAfter }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('time-out')));
    outgoing.on('error', () => resolve({ status: 0, ms: performance.now() - started, retryAfter: 0 }));
    outgoing.end(body);
  });
}

export async function measureOverload(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => PacedRequest;
}): Promise<OverloadResult> {
  const target = new URL(options.url);
  // Every client keeps its connection while it waits out a Retry-After, as each browser would
  // (the Agent's default keeps 256 free sockets and reconnects the rest, a flood of handshakes).
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const served: number[] = [];
  const refused: number[] = [];
  let failed = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const crowd = Array.from({ length: options.connections }, async () => {
    while (performance.now() < deadline) {
      const { status, ms, retryAfter } = await exchange(agent, target, options.next(), 30_000);
      if (status === 503) refused.push(ms);
      else if (status >= 200 && status < 500) served.push(ms);
      else failed++;
      // Only a refusal for overload is waited out: a 429's Retry-After belongs to another rule.
      if (status === 503 && retryAfter > 0) await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  });
  const probing = runCommand(process.execPath, [
    join(import.meta.dirname, 'health-probe.ts'),
    options.url,
    String(options.seconds),
  ]);

  const [probed] = await Promise.all([probing, ...crowd]);
  agent.destroy();
  const latencies = JSON.parse(probed) as number[];
  const health = latencies.filter((ms) => ms >= 0);
  const healthFailed = latencies.length - health.length;
  for (const list of [served, refused]) list.sort((a, b) => a - b);
  return {
    served: served.length,
    refused: refused.length,
    failed,
    servedP50: quantile(served, 0.5),
    servedP99: quantile(served, 0.99),
    refusedP50: quantile(refused, 0.5),
    refusedP99: quantile(refused, 0.99),
    healthP50: quantile(health, 0.5),
    healthP99: quantile(health, 0.99),
    healthMax: quantile(health, 1),
    healthFailed,
  };
}

/** `/api/health` at rest, asked one after another on new connections: the probe's baseline. */
export async function measureIdleHealth(url: string, count = 50): Promise<{ p50: number; p99: number }> {
  const target = new URL(url);
  const probe = new Agent({ keepAlive: false });
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    latencies.push((await exchange(probe, target, { method: 'GET', path: '/api/health' }, PROBE_TIMEOUT_MS)).ms);
  }
  probe.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}
