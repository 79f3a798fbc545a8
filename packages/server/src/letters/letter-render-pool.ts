import { Worker } from 'node:worker_threads';
import type { Letter } from './letter.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import type { RenderReply, RenderRequest } from './letter-render-worker.ts';

/**
 * Renders letters on a few worker threads so that shaping and font subsetting (tens of
 * milliseconds a letter) never hold up the server's event loop. Threads start on the first
 * letter, keep their parsed fonts, and only keep the process alive while they have work.
 * A thread that dies fails its letter and is replaced on the next one. Size 0 renders in the
 * caller's thread (tests, one-off scripts).
 */
export interface LetterRenderPool {
  readonly size: number;
  render(letter: Letter): Promise<Uint8Array>;
  /** Lets the letters already asked for finish, then stops the threads. */
  close(): Promise<void>;
}

export const DEFAULT_LETTER_RENDER_THREADS = 2;
const WORKER_URL = new URL('./letter-render-worker.ts', import.meta.url);

interface Task {
  id: number;
  letter: Letter;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  task: Task | null;
}

export function createLetterRenderPool(options: { size?: number } = {}): LetterRenderPool {
  const size = options.size ?? DEFAULT_LETTER_RENDER_THREADS;
  if (size === 0) {
    return { size, render: renderLetterPdf, close: async () => {} };
  }
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, task: null }));
  const queue: Task[] = [];
  let nextId = 1;
  let isClosing = false;
  let whenIdle: (() => void) | null = null;

  const startWorker = (slot: Slot): Worker => {
    const worker = new Worker(WORKER_URL, { name: 'letter-render' });
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const task = slot.task;
      slot.task = null;
      task?.reject(error);
      dispatch();
    };
    worker.on('message', (reply: RenderReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      slot.task = null;
      if ('pdf' in reply) task.resolve(reply.pdf);
      else task.reject(new Error(`letter rendering failed: ${reply.error}`));
      dispatch();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`letter render thread exited with code ${code}`)));
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
      slot.worker.postMessage({ id: task.id, letter: task.letter } satisfies RenderRequest);
    }
    if (whenIdle && queue.length === 0 && slots.every((slot) => !slot.task)) whenIdle();
  };

  return {
    size,
    render(letter) {
      if (isClosing) return Promise.reject(new Error('the letter render pool is closed'));
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ id: nextId++, letter, resolve, reject });
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
