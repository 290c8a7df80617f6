import { afterEach, describe, expect, it, vi } from 'vitest';
import { followGrading, type GradingStatus, gradingProgress } from '../../src/real-machine/follow-grading';

const labels = { stopped: 'cut short', tampered: 'agent replaced' };

/** The job route answering each poll with the next of `answers`. */
function serve(answers: (GradingStatus & Record<string, unknown>)[]) {
  const queue = [...answers];
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(queue.shift()), { status: 200 }));
  vi.useFakeTimers({ shouldAdvanceTime: true, advanceTimeDelta: 200 });
}
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('followGrading', () => {
  it('reports each step until the grading is done', async () => {
    serve([
      { status: 'queued', position: 2 },
      { status: 'running', runningMs: 1000 },
      {
        status: 'done',
        passed: 1,
        total: 2,
        tasks: [
          { id: 'overlay', pass: true },
          { id: 'memory', pass: false },
        ],
      },
    ]);
    const steps: string[] = [];
    const done = await followGrading('job', (s) => steps.push(s.status), labels);
    expect(steps).toEqual(['queued', 'running']);
    expect(done).toEqual({
      ok: true,
      tasks: [
        { id: 'overlay', pass: true },
        { id: 'memory', pass: false },
      ],
    });
  });

  it('says in words when a grading was cut short or its agent was forged', async () => {
    serve([{ status: 'done', passed: 1, total: 3, stopped: 'deadline' }]);
    expect(await followGrading('job', () => {}, labels)).toMatchObject({ note: 'cut short' });
    serve([{ status: 'done', passed: 0, total: 3, tampered: true }]);
    expect(await followGrading('job', () => {}, labels)).toMatchObject({ note: 'agent replaced' });
  });

  it('passes a failure on', async () => {
    serve([{ status: 'failed', error: 'the machine did not boot' }]);
    expect(await followGrading('job', () => {}, labels)).toEqual({
      ok: false,
      reason: 'the machine did not boot',
    });
  });
});

const progressLabels = {
  queued: 'Waiting for the grader: {n} learners ahead of you.',
  next: 'Waiting for the grader: you are next.',
  grading: "The server's own machine is replaying your console input: {n} s so far.",
};

describe('gradingProgress', () => {
  it('says how many learners are ahead while queued, or that this one is next', () => {
    expect(gradingProgress({ status: 'queued', position: 3 }, progressLabels)).toBe(
      'Waiting for the grader: 3 learners ahead of you.',
    );
    expect(gradingProgress({ status: 'queued', position: 0 }, progressLabels)).toBe(
      'Waiting for the grader: you are next.',
    );
  });

  it('counts the whole seconds the replay has run', () => {
    expect(gradingProgress({ status: 'running', runningMs: 12_900 }, progressLabels)).toBe(
      "The server's own machine is replaying your console input: 12 s so far.",
    );
    expect(gradingProgress({ status: 'running' }, progressLabels)).toContain(': 0 s so far.');
  });
});
