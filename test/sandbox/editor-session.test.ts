import { describe, expect, it } from 'vitest';
import { replay } from '../../src/sandbox/replay.ts';
import { Sandbox } from '../../src/sandbox/sandbox.ts';
import { RAW_CHUNK_LENGTH } from '../../src/sandbox/terminal.ts';
import { transcriptEvent } from '../../src/schemas/transcript.ts';
import { frameText } from './programs/editor/frame-text.ts';

/** A sandbox on a terminal, with everything it printed. */
function terminal(options: Parameters<typeof Sandbox.create>[0] = {}) {
  const sandbox = Sandbox.create({ seed: 7, tty: true, ...options });
  let output = '';
  sandbox.onOutput((chunk) => {
    output += chunk.text;
  });
  return { sandbox, output: () => output };
}

/** Types chunks of keystrokes one at a time, as the page sends them, waiting for each. */
async function keys(sandbox: Sandbox, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    expect(sandbox.keys(chunk)).toBe(true);
    await sandbox.whenIdle();
  }
}

describe('full-screen editors in the sandbox', () => {
  it('nano takes the terminal in raw mode on the alternate screen and gives it back on ^X', async () => {
    const { sandbox, output } = terminal();
    const modes: boolean[] = [];
    sandbox.terminal.onMode((raw) => modes.push(raw));
    await sandbox.run('nano hello.txt');
    expect(sandbox.terminal.isRaw).toBe(true);
    expect(output()).toContain('\x1b[?1049h');
    await keys(sandbox, 'H', 'i', '\r', 'there', '\x0f', '\r', '\x18');
    expect(sandbox.terminal.isRaw).toBe(false);
    expect(output().endsWith('\x1b[?1049l')).toBe(true);
    expect(modes).toEqual([true, false]);
    expect(await sandbox.run('cat hello.txt; ls -l hello.txt')).toMatch(
      /^Hi\nthere\n-rw-r--r-- 1 learner learner 9 .* hello.txt\n$/,
    );
  });

  it('draws the editor again at the terminal’s new size', async () => {
    const { sandbox, output } = terminal();
    await sandbox.run('nano f.txt');
    sandbox.resize(100, 30);
    const frame = frameText(output());
    expect(frame.rows).toHaveLength(30);
    expect(frame.rows[0]).toBe('  GNU nano 7.2                                    f.txt');
    // As nano 7.2 draws it at 100 columns: seven shortcuts a row.
    expect(frame.rows[29]).toBe(
      '^X Exit       ^R Read File  ^\\ Replace    ^U Paste      ^J Justify    ^/ Go To Line M-E Redo',
    );
  });

  it('refuses keystrokes when no program reads them, recording nothing', async () => {
    const { sandbox } = terminal();
    await sandbox.run('echo ready');
    const before = sandbox.transcript.length;
    expect(sandbox.keys('stray')).toBe(false);
    expect(sandbox.transcript.length).toBe(before);
  });

  it('records keystrokes chunk by chunk, several to an event, and a replay writes the same bytes', async () => {
    const { sandbox } = terminal();
    await sandbox.run('vi notes.txt');
    // An Escape followed by O is two keystrokes here, not the start of an arrow key's sequence.
    await keys(sandbox, 'i', 'first', '\x1b', 'O', 'above', '\x1b', ':wq\r');
    await sandbox.run('nano notes.txt');
    await keys(sandbox, '\x1b[B', '\x1b[F', ' line', '\x0b', '\x15', '\x15', '\x18', 'y', '\r');
    const bytes = sandbox.readFile('notes.txt');
    expect(bytes).toEqual({ text: 'above\nfirst line\nfirst line\n' });
    expect(sandbox.transcript.filter((e) => e.type === 'keys').map((e) => e.keys.length)).toEqual([7, 9]);
    for (const event of sandbox.transcript) expect(transcriptEvent.safeParse(event).success).toBe(true);

    const replayed = await replay(7, sandbox.transcript);
    expect(replayed.sandbox.readFile('notes.txt')).toEqual(bytes);
    const resumed = Sandbox.create({ seed: 7, tty: true });
    await resumed.replay(sandbox.transcript);
    expect(resumed.readFile('notes.txt')).toEqual(bytes);
    expect(resumed.stateHash()).toBe(sandbox.stateHash());
  });

  it('cuts a long paste into chunks the transcript schema accepts, and the schema refuses longer ones', async () => {
    const { sandbox } = terminal();
    await sandbox.run('nano big.txt');
    const paste = 'x'.repeat(RAW_CHUNK_LENGTH + 10);
    await keys(sandbox, paste, '\x0f', '\r', '\x18');
    expect(sandbox.readFile('big.txt')).toEqual({ text: `${paste}\n` });
    const event = sandbox.transcript.find((e) => e.type === 'keys');
    expect(event?.type === 'keys' && event.keys.slice(0, 2).map((k) => k.length)).toEqual([
      RAW_CHUNK_LENGTH,
      10,
    ]);
    expect(transcriptEvent.safeParse({ type: 'keys', keys: [paste] }).success).toBe(false);
    expect(transcriptEvent.safeParse({ type: 'keys', keys: [] }).success).toBe(false);
  });

  it('gives the terminal back when the program runs out of budget, with the shell’s message', async () => {
    const { sandbox, output } = terminal({ limits: { lineSteps: 20 } });
    await sandbox.run('nano f.txt');
    await keys(sandbox, 'y'.repeat(RAW_CHUNK_LENGTH));
    expect(sandbox.terminal.isRaw).toBe(false);
    expect(output()).toContain('\x1b[?1049lbash: CPU time limit exceeded');
    expect(sandbox.lastStatus()).toBe(152);
  });

  it('charges edits by what they move: Enter at the top of a long file stops within the budget', async () => {
    const { sandbox, output } = terminal({ limits: { lineSteps: 5_000 } });
    await sandbox.run('seq 200000 > big.txt');
    await sandbox.run('nano big.txt');
    await keys(sandbox, '\r'.repeat(RAW_CHUNK_LENGTH));
    expect(sandbox.terminal.isRaw).toBe(false);
    expect(output()).toContain(
      'bash: CPU time limit exceeded (the lab stops a command line after 5000 steps)',
    );
  });

  it('ends the editor at end of input (a piped stdin), lines typed ahead arriving with their Enter', async () => {
    const sandbox = Sandbox.create({ seed: 1 });
    sandbox.input('nano piped.txt\nfrom a pipe\x0f\n\x18\ncat piped.txt\n');
    sandbox.close();
    let output = '';
    sandbox.onOutput((chunk) => {
      output += chunk.text;
    });
    await sandbox.whenIdle();
    expect(output.endsWith('\x1b[?1049lfrom a pipe\n')).toBe(true);
  });
});
