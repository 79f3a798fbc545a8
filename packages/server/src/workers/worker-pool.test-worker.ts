import { serveWorkerTasks } from './worker-tasks.ts';

/** The thread of worker-pool.test.ts: doubles a number, hangs (like a parser stuck on a hostile file), or throws a coded error. */
export type TestTask = { double: number } | { hang: true } | { fail: string };

serveWorkerTasks<TestTask, number>(async (task) => {
  if ('hang' in task) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks the thread for good
  if ('fail' in task) throw Object.assign(new Error(task.fail), { code: 'test.refused', detail: 'refused on purpose' });
  return { output: 'double' in task ? task.double * 2 : Number.NaN };
});
