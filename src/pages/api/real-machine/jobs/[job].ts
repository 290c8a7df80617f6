import type { APIRoute } from 'astro';
import { realMachineExercises } from '../../../../real-machine/exercises.ts';
import { database } from '../../../../server/db/open.ts';
import { appGrader } from '../../../../server/grader/grader.ts';
import { gradingStatus } from '../../../../server/grader/queue.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem } from '../../../../server/json.ts';

export const prerender = false;

/**
 * Where a real-machine grading stands: queued (with its place in the queue), running (since when),
 * or done with the tasks the server's machine verified. Asking keeps the job wanted; a job nobody
 * asks about for half a minute is dropped. The job's random id is the permission to read it.
 */
export const GET: APIRoute = async ({ params }) => {
  if (!isUuid(params.job)) return problem(404, 'no such grading');
  const db = await database();
  appGrader(database);
  const job = await gradingStatus(db, params.job);
  if (!job) return problem(404, 'no such grading');
  const exercise = realMachineExercises().get(job.exercise);
  const base = { job: job.id, exercise: job.exercise, status: job.status };
  if (job.status === 'queued') return json(200, { ...base, position: job.position });
  if (job.status === 'running')
    return json(200, { ...base, runningMs: Date.now() - new Date(job.startedAt ?? Date.now()).getTime() });
  if (job.status === 'failed' || !job.result) return json(200, { ...base, error: job.error });
  const done = new Set(job.result.done);
  const tasks = (exercise?.tasks ?? job.spec.tasks).map((t) => ({ id: t.id, pass: done.has(t.id) }));
  return json(200, {
    ...base,
    version: job.spec.version,
    passed: tasks.filter((t) => t.pass).length,
    total: tasks.length,
    tasks,
    // Graded on the server's own real machine; these say when the grading was cut short or cheated.
    machine: 'real',
    ...(job.result.stopped ? { stopped: job.result.stopped } : {}),
    ...(job.result.tampered ? { tampered: true } : {}),
  });
};
