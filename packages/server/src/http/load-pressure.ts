import { type EventLoopUtilization, monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** How often the event loop's delay and utilisation are read (and their window restarted). */
export const PRESSURE_SAMPLE_MS = 250;
/** The delay monitor's resolution: its timer fires this often, so a delay below it is noise. */
const DELAY_RESOLUTION_MS = 10;

export interface LoadBounds {
  /** 0 turns a bound off. */
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  maxEventLoopUtilization: number;
  maxDatabaseWaiting: number;
}

export interface LoadReadings {
  inFlight: number;
  eventLoopDelayMs: number;
  eventLoopUtilization: number;
  databaseWaiting: number;
}

/**
 * The pressure on one node: requests in flight (counted by the caller), the event loop's mean
 * delay and its utilisation over the last sample window, and database calls waiting for a
 * connection. `overBound` names the first bound exceeded, if any (docs/operations.md#load-shedding).
 */
export interface LoadPressure {
  readings(inFlight: number): LoadReadings;
  overBound(inFlight: number): keyof LoadBounds | undefined;
  stop(): void;
}

export function createLoadPressure(bounds: LoadBounds, databaseWaiting: () => number): LoadPressure {
  const histogram = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  histogram.enable();
  let eventLoopDelayMs = 0;
  let eventLoopUtilization = 0;
  let lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();
  let lastTick = performance.now();
  // Read on a timer rather than per request: a request costs a comparison, not a histogram read.
  const timer = setInterval(() => {
    // This timer's own lateness counts too: when every turn of the loop is longer than the
    // window, the histogram may hold no sample since its reset (its mean is then NaN), and that
    // is exactly when the loop is most overloaded.
    const tick = performance.now();
    const lateness = tick - lastTick - PRESSURE_SAMPLE_MS;
    lastTick = tick;
    const sampled = histogram.count > 0 ? histogram.mean / 1e6 - DELAY_RESOLUTION_MS : 0;
    eventLoopDelayMs = Math.max(0, lateness, sampled);
    histogram.reset();
    const now = performance.eventLoopUtilization();
    eventLoopUtilization = performance.eventLoopUtilization(now, lastUtilization).utilization;
    lastUtilization = now;
  }, PRESSURE_SAMPLE_MS);
  timer.unref();

  const isOver = (value: number, bound: number) => bound > 0 && value > bound;
  return {
    readings: (inFlight) => ({ inFlight, eventLoopDelayMs, eventLoopUtilization, databaseWaiting: databaseWaiting() }),
    overBound(inFlight) {
      // In flight counts the request being decided, so the cap is the number served at once.
      if (isOver(inFlight + 1, bounds.maxInFlight)) return 'maxInFlight';
      if (isOver(eventLoopDelayMs, bounds.maxEventLoopDelayMs)) return 'maxEventLoopDelayMs';
      if (isOver(eventLoopUtilization, bounds.maxEventLoopUtilization)) return 'maxEventLoopUtilization';
      if (isOver(databaseWaiting(), bounds.maxDatabaseWaiting)) return 'maxDatabaseWaiting';
      return undefined;
    },
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
