import { afterEach, describe, expect, it, vi } from 'vitest';
import { followGrading, type GradingStatus } from '../../src/real-machine/follow-grading';

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
      { status: 'done', passed: 2, total: 3 },
    ]);
    const steps: string[] = [];
    const done = await followGrading('job', (s) => steps.push(s.status), labels);
    expect(steps).toEqual(['queued', 'running']);
    expect(done).toEqual({ ok: true, passed: 2, total: 3 });
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
