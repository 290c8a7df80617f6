import { Sandbox, type SandboxOptions } from '../sandbox/sandbox.ts';
import type { FreshStart, LabScenario } from './protocol.ts';

/** Options a lab's sandbox is made with, other than what its scenario says. */
export type LabSandboxOptions = Omit<SandboxOptions, 'seed' | 'machine'>;

/** A new sandbox for `scenario` with its set-up run: what a learner without a saved lab starts from. */
export async function buildFresh(scenario: LabScenario, options: LabSandboxOptions): Promise<Sandbox> {
  const sandbox = Sandbox.create({
    ...options,
    seed: scenario.seed,
    ...(scenario.machine ? { machine: scenario.machine } : {}),
  });
  if (scenario.setup?.length) await sandbox.run(scenario.setup.join('\n'));
  return sandbox;
}

/**
 * The state and transcript a lab's scenario leaves once its set-up has run, computed when the page
 * is built so the browser's worker restores them instead of running the set-up. Undefined when the
 * set-up leaves processes running, which a state cannot hold: that lab builds its sandbox itself.
 */
export async function freshStart(scenario: LabScenario): Promise<FreshStart | undefined> {
  const sandbox = await buildFresh(scenario, { tty: true });
  const state = sandbox.snapshot();
  if ((state.live ?? 0) > 0) return undefined;
  return { state, transcript: [...sandbox.transcript] };
}

/** The sandbox `buildFresh` gives, restored from its fresh start instead of built. */
export function restoreFresh(start: FreshStart, options: LabSandboxOptions): Sandbox {
  const sandbox = Sandbox.restore(start.state, options);
  sandbox.transcript.push(...start.transcript);
  return sandbox;
}
