/**
 * A phase of a lab's start, marked on the page's performance timeline for the lab benchmark: the
 * page's script starts the lab's session, its terminal opens, the worker's phases, the prompt; the
 * interface hydrates later, when first used.
 */
export type LabPhase = 'session' | 'terminal' | 'worker-script' | 'engine' | 'setup' | 'prompt' | 'hydrated';

/**
 * Marks `phase` as `quayside:lab:<phase>` on the page's timeline, at `epochMs` (a time from the
 * worker, whose clock starts elsewhere) or now. Only the page's first lab to reach a phase marks it,
 * so the benchmark reads one start, not a mixture of several labs'.
 */
export function markLabPhase(phase: LabPhase, epochMs?: number): void {
  const name = `quayside:lab:${phase}`;
  if (typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
  const startTime = epochMs === undefined ? performance.now() : epochMs - performance.timeOrigin;
  performance.mark(name, { startTime });
}
