import { Agent, request } from 'node:http';

/**
 * `/api/health` every 100 ms on a new connection, as an orchestrator's liveness probe, from a
 * process of its own: a probe sharing the crowd's event loop would time the crowd's queue, not the
 * server's. Prints the latencies (ms, sorted) as JSON; a probe over 10 s, or not 200, is -1.
 * Usage: node health-probe.ts <url> <seconds>
 */
const [url = '', seconds = '10'] = process.argv.slice(2);
const target = new URL('/api/health', url);
const agent = new Agent({ keepAlive: false });
const deadline = performance.now() + Number(seconds) * 1000;

function probe(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const outgoing = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - started : -1));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('time-out')));
    outgoing.on('error', () => resolve(-1));
    outgoing.end();
  });
}

const probes: Array<Promise<number>> = [];
while (performance.now() < deadline) {
  probes.push(probe());
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const latencies = (await Promise.all(probes)).sort((a, b) => a - b);
process.stdout.write(JSON.stringify(latencies));
