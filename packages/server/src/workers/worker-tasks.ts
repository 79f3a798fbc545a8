import { parentPort } from 'node:worker_threads';

/**
 * The thread's side of worker-pool.ts: answers each task the pool posts with its output or
 * why it failed, and says once that the thread is ready (its modules loaded), which is when
 * the pool starts counting a task's time budget.
 */
export interface TaskRequest<Input> {
  id: number;
  input: Input;
}
export type TaskReply<Output> =
  | { ready: true }
  | { id: number; output: Output }
  | { id: number; error: string; code?: string; detail?: string };

export function serveWorkerTasks<Input, Output>(
  run: (input: Input) => Promise<{ output: Output; transfer?: ArrayBuffer[] }>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTasks runs in a worker thread only');
  port.on('message', async ({ id, input }: TaskRequest<Input>) => {
    try {
      const { output, transfer } = await run(input);
      port.postMessage({ id, output } satisfies TaskReply<Output>, transfer ?? []);
    } catch (error) {
      const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
      port.postMessage({
        id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof detail === 'string' ? { detail } : {}),
      } satisfies TaskReply<Output>);
    }
  });
  port.postMessage({ ready: true } satisfies TaskReply<Output>);
}
