/**
 * Where a start spends its time and memory: each phase's duration and the resident set size
 * (RSS) when it ended, logged once the server listens (docs/operations.md, "Start-up and memory").
 */
export interface StartupPhase {
  phase: string;
  ms: number;
  rssMb: number;
}

export interface PhaseClock {
  /** Runs `work` as the named phase and records how long it took. */
  time<T>(phase: string, work: () => Promise<T> | T): Promise<T>;
  phases(): StartupPhase[];
}

export function createPhaseClock(): PhaseClock {
  const phases: StartupPhase[] = [];
  return {
    async time(phase, work) {
      const started = performance.now();
      try {
        return await work();
      } finally {
        phases.push({
          phase,
          ms: Math.round(performance.now() - started),
          rssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
        });
      }
    },
    phases: () => [...phases],
  };
}
