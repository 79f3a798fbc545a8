import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './worker-tasks.ts';

/**
 * A few worker threads that run one kind of task, so that heavy synchronous work (rendering a
 * letter, reading an untrusted PDF) never holds up the server's event loop. Threads start on
 * the first task and only keep the process alive while they have work. A thread that dies fails
 * its task and is replaced on the next one. Size 0 runs tasks in the caller's thread (tests,
 * one-off scripts). Optionally bounded: a queue that refuses at once when full
 * (`WorkerPoolFullError`) and a time budget per task, past which the thread is terminated
 * and the task fails (`WorkerTaskTimeoutError`): see docs/pdf-verification.md.
 */
export interface WorkerPool<Input, Output> {
  readonly size: number;
  run(input: Input): Promise<Output>;
  /** Lets the tasks already asked for finish, then stops the threads. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions<Input, Output> {
  /** What a task does, in words: "letter rendering" makes "letter rendering failed: …". */
  taskName: string;
  /** A module that calls `serveWorkerTasks` (worker-tasks.ts). */
  workerUrl: URL;
  size: number;
  /** The same work in the caller's thread, for size 0. */
  runInThisThread: (input: Input) => Promise<Output>;
  /** Tasks waiting for a thread beyond this are refused at once. Default: no bound. */
  maxQueued?: number;
  /** Milliseconds a task may run once its thread is ready. Default: no budget. */
  timeBudgetMs?: number;
  resourceLimits?: ResourceLimits;
}

/** Every thread is busy and the queue is full: the caller should try again shortly. */
export class WorkerPoolFullError extends Error {
  override name = 'WorkerPoolFullError';
}
/** The task ran past its time budget; its thread was terminated. */
export class WorkerTaskTimeoutError extends Error {
  override name = 'WorkerTaskTimeoutError';
}
/** The task threw in its thread; `code` is the thrown error's own `code`, when it had one. */
export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError';
  readonly code: string | undefined;
  readonly detail: string | undefined;
  constructor(message: string, code: string | undefined, detail: string | undefined) {
    super(message);
    this.code = code;
    this.detail = detail;
  }
}

interface Task<Input, Output> {
  id: number;
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: Error) => void;
}

interface Slot<Input, Output> {
  worker: Worker | null;
  isReady: boolean;
  task: Task<Input, Output> | null;
  timer: NodeJS.Timeout | null;
}

export function createWorkerPool<Input, Output>(options: WorkerPoolOptions<Input, Output>): WorkerPool<Input, Output> {
  const { size, taskName } = options;
  if (size === 0) {
    return { size, run: options.runInThisThread, close: async () => {} };
  }
  const slots: Array<Slot<Input, Output>> = Array.from({ length: size }, () => ({
    worker: null,
    isReady: false,
    task: null,
    timer: null,
  }));
  const queue: Array<Task<Input, Output>> = [];
  const threadName = taskName.replace(/\s+/g, '-');
  let nextId = 1;
  let isClosing = false;
  let whenIdle: (() => void) | null = null;

  const settle = (slot: Slot<Input, Output>) => {
    const task = slot.task;
    slot.task = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return task;
  };

  const startBudget = (slot: Slot<Input, Output>) => {
    if (options.timeBudgetMs === undefined || !slot.task || !slot.isReady || slot.timer) return;
    slot.timer = setTimeout(() => {
      const worker = slot.worker;
      slot.worker = null; // its exit is expected now
      settle(slot)?.reject(new WorkerTaskTimeoutError(`${taskName} ran past ${options.timeBudgetMs} ms`));
      void worker?.terminate();
      dispatch();
    }, options.timeBudgetMs);
  };

  const startWorker = (slot: Slot<Input, Output>): Worker => {
    const worker = new Worker(options.workerUrl, {
      name: threadName,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    slot.isReady = false;
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      settle(slot)?.reject(error);
      dispatch();
    };
    worker.on('message', (reply: TaskReply<Output>) => {
      if (slot.worker !== worker) return;
      if ('ready' in reply) {
        // The budget counts the task's work, not the thread's start (loading its modules).
        slot.isReady = true;
        startBudget(slot);
        return;
      }
      if (!slot.task || slot.task.id !== reply.id) return;
      const task = settle(slot);
      if ('output' in reply) task?.resolve(reply.output);
      else task?.reject(new WorkerTaskError(`${taskName} failed: ${reply.error}`, reply.code, reply.detail));
      dispatch();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${taskName} thread exited with code ${code}`)));
    return worker;
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.task) continue;
      const task = queue.shift();
      if (!task) {
        slot.worker?.unref(); // idle threads must not keep the process alive
        continue;
      }
      slot.worker ??= startWorker(slot);
      slot.worker.ref();
      slot.task = task;
      slot.worker.postMessage({ id: task.id, input: task.input } satisfies TaskRequest<Input>);
      startBudget(slot);
    }
    if (whenIdle && queue.length === 0 && slots.every((slot) => !slot.task)) whenIdle();
  };

  return {
    size,
    run(input) {
      if (isClosing) return Promise.reject(new Error(`the ${taskName} pool is closed`));
      const isFull = options.maxQueued !== undefined && queue.length >= options.maxQueued;
      if (isFull && slots.every((slot) => slot.task)) {
        return Promise.reject(new WorkerPoolFullError(`${taskName}: every thread is busy and the queue is full`));
      }
      return new Promise<Output>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    async close() {
      isClosing = true;
      if (queue.length > 0 || slots.some((slot) => slot.task)) {
        await new Promise<void>((resolve) => {
          whenIdle = resolve;
        });
      }
      await Promise.all(
        slots.map((slot) => {
          const worker = slot.worker;
          slot.worker = null; // its exit is expected now
          return worker?.terminate();
        }),
      );
    },
  };
}
