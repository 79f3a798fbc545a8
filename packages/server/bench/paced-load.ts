import { Agent, request } from 'node:http';

/**
 * Latency at a given rate, with requests sent at evenly spaced instants (an open model).
 *
 * autocannon's `overallRate` hands each connection a quota per second and resets all quotas on
 * the same tick, so "half the rate" arrives as a burst of every connection at the top of each
 * second followed by silence: its p99 measures the burst's queue, not what a person sees at half
 * load. Here request i is due at start + i / rate, and its latency runs from that instant (not
 * from when a socket was free), so a server that falls behind is charged for the wait
 * (no coordinated omission). With PACED_TRACE=1 it prints when the slow ones (over 40 ms) were
 * due, in seconds from the start: a warm-up shows as slow requests in the first second.
 */
export interface PacedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  rate: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

export async function measurePacedLatency(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  next: () => PacedRequest;
}): Promise<PacedResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const trace: Array<[number, number]> = [];
  let errors = 0;
  let non2xx = 0;
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const start = performance.now();
  const pending: Array<Promise<void>> = [];

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const { method, path, headers = {}, body } = options.next();
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if ((response.statusCode ?? 0) >= 300) non2xx++;
            latencies.push(performance.now() - dueAt);
            if (process.env.PACED_TRACE) trace.push([dueAt - start, performance.now() - dueAt]);
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        errors++;
        resolve();
      });
      outgoing.end(body);
    });

  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      // Every request whose instant has come is sent now, each charged from its own instant.
      while (sent < total && start + (sent * 1000) / options.rate <= now) {
        pending.push(send(start + (sent * 1000) / options.rate));
        sent++;
      }
      if (sent >= total) return done();
      setTimeout(tick, Math.max(0, start + (sent * 1000) / options.rate - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  if (process.env.PACED_TRACE) {
    const slow = trace
      .filter(([, latency]) => latency > 40)
      .map(([at, latency]) => `${(at / 1000).toFixed(2)}s:${latency.toFixed(0)}`);
    console.log('slow', slow.join(' '));
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rate: options.rate, sent, p50: at(0.5), p99: at(0.99), max: at(1), errors, non2xx };
}
