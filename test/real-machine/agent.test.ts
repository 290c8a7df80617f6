import { describe, expect, it } from 'vitest';
import { CheckAgent, signStatus } from '../../src/real-machine/agent';
import { SerialConsole } from '../../src/real-machine/serial-console';

/** A guest agent that answers every command with `status`, signing it with `key` (or not at all). */
function guest(status: number, key?: string) {
  const port: SerialConsole = new SerialConsole((text) => {
    const [, id] = /^(\d+) /.exec(text) ?? [];
    if (!id) return;
    const sig = key === undefined ? '-' : signStatus(key, Number(id), status);
    setTimeout(() => port.receive(`:start${id}:\nout\n\n:end${id}: ${status} ${sig}\n`), 1);
  });
  return port;
}

describe('CheckAgent', () => {
  it('reads the output and status of a command', async () => {
    const agent = new CheckAgent(guest(3));
    expect(await agent.run('true')).toEqual({ output: 'out\n', status: 3 });
  });

  it('once locked, takes only statuses signed with its secret', async () => {
    const honest = new CheckAgent(guest(0, 'secret'));
    honest.lock('secret');
    expect(await honest.run('true')).toEqual({ output: 'out\n', status: 0 });
    expect(honest.tampered).toBe(false);

    for (const forged of [guest(0), guest(0, 'guessed')]) {
      const agent = new CheckAgent(forged);
      agent.lock('secret');
      expect(await agent.run('true')).toEqual({ output: '', status: 255 });
      expect(agent.tampered).toBe(true);
    }
  });

  it('gives up on a silent agent at once until told to listen again', async () => {
    const agent = new CheckAgent(new SerialConsole(() => {}));
    expect(await agent.run('true', 20)).toEqual({ output: '', status: 255 });
    const started = performance.now();
    expect((await agent.run('true', 5_000)).status).toBe(255);
    expect(performance.now() - started).toBeLessThan(100);
    agent.listen();
    expect(agent.silent).toBe(false);
  });

  it('refuses a command of more than one line', async () => {
    await expect(new CheckAgent(guest(0)).run('true\nfalse')).rejects.toThrow('one line');
  });
});
