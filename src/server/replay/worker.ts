// A replay worker thread: runs jobs from the pool one at a time, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { type ReplayJob, runJob } from './jobs.ts';

parentPort?.on('message', async ({ id, job }: { id: number; job: ReplayJob }) => {
  try {
    parentPort?.postMessage({ id, ok: true, value: await runJob(job) });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
