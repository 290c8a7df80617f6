import { Sandbox, type TranscriptEvent } from './sandbox.ts';

/**
 * Replays a transcript in a fresh sandbox from the same seed: the same lines, the same pauses and
 * Ctrl-C at the same virtual times give the same output and state (what the server grades).
 */
export async function replay(
  seed: string | number,
  events: readonly TranscriptEvent[],
): Promise<{ sandbox: Sandbox; output: string }> {
  const sandbox = Sandbox.create({ seed });
  for (const event of events) if (event.type === 'interrupt') sandbox.scheduleInterrupt(event);
  let output = '';
  sandbox.onOutput((chunk) => {
    output += chunk.text;
  });
  for (const event of events) {
    // Editor saves happen between commands: let the lines before it finish first.
    if (event.type === 'write') await sandbox.whenIdle();
    sandbox.apply(event);
  }
  await sandbox.whenIdle();
  return { sandbox, output };
}
