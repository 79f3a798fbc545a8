/** How a long step reports: a bar on a terminal, one line per finished step otherwise. */
export interface Progress {
  step(label: string, total: number, unit: 'bytes' | 'files'): ProgressStep;
}

export interface ProgressStep {
  advance(amount: number): void;
  done(): void;
}

/** Reports nothing (tests, library use). */
export const SILENT_PROGRESS: Progress = { step: () => ({ advance: () => {}, done: () => {} }) };
