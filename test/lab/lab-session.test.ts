import { describe, expect, it } from 'vitest';
import { LabSession, type SessionTerminal, type SessionWorker } from '../../src/lab/lab-session';
import type { FromWorker, SavedLab, ToWorker } from '../../src/lab/protocol';
import type { SandboxState } from '../../src/sandbox/sandbox';

/** A terminal that keeps what was written to it and lets the test type. */
function fakeTerminal(cols = 80) {
  let onData: (data: string) => void = () => {};
  const term = {
    cols,
    rows: 24,
    written: '',
    resets: 0,
    options: {} as SessionTerminal['options'],
    write(data: string | Uint8Array) {
      term.written += String(data);
    },
    clear() {},
    reset() {
      term.resets++;
      term.written = '';
    },
    focus() {},
    onData(listener: (data: string) => void) {
      onData = listener;
      return { dispose() {} };
    },
    type: (data: string) => onData(data),
  };
  return term;
}

/** A worker that records what the session posts and answers as the test says. */
function fakeWorker() {
  const worker = {
    posted: [] as ToWorker[],
    terminated: false,
    onmessage: null as SessionWorker['onmessage'],
    postMessage(message: ToWorker) {
      worker.posted.push(message);
    },
    terminate() {
      worker.terminated = true;
    },
    answer(message: FromWorker) {
      worker.onmessage?.call(worker as unknown as Worker, { data: message } as MessageEvent<FromWorker>);
    },
    last: () => worker.posted.at(-1),
  };
  return worker;
}

const state = { engine: 0 } as unknown as SandboxState;
const idle = (prompt = '$ ', cwd = '/home/learner'): FromWorker => ({
  type: 'idle',
  prompt,
  cwd,
  saved: { state, transcript: [], history: [], learnerStart: 0 },
});

function session(options: { saved?: SavedLab; checks?: { id: string; checks: [] }[] } = {}) {
  const term = fakeTerminal();
  const worker = fakeWorker();
  const workers = [worker];
  const stored: { id: string; lab: SavedLab | undefined }[] = [];
  const lab = new LabSession({
    labId: '/page/#lab',
    scenario: { seed: 'seed', setup: ['docker pull alpine'], machine: 'server' },
    config: { label: 'Lab', engineUpdated: 'Rebuilt for the new engine.', ...options },
    terminal: term as unknown as SessionTerminal,
    worker: worker as unknown as SessionWorker,
    takeWorker: async () => {
      const next = fakeWorker();
      workers.push(next);
      return next as unknown as SessionWorker;
    },
    saved: options.saved,
    store: {
      save: async (id, saved) => void stored.push({ id, lab: saved }),
      clear: async (id) => void stored.push({ id, lab: undefined }),
    },
  });
  return { lab, term, worker, workers, stored };
}

describe('LabSession', () => {
  it('starts its worker on the scenario, the terminal’s width, the checks and the saved lab', () => {
    const saved: SavedLab = { state, transcript: [], history: ['ls'], revealed: ['t1'] };
    const { lab, worker } = session({ saved, checks: [{ id: 't1', checks: [] }] });
    expect(worker.posted).toEqual([
      {
        type: 'start',
        seed: 'seed',
        setup: ['docker pull alpine'],
        machine: 'server',
        columns: 80,
        rows: 24,
        checks: [{ id: 't1', checks: [] }],
        saved,
      },
    ]);
    expect(lab.revealed).toEqual(['t1']);
    expect(lab.ready).toBe(false);
  });

  it('keeps keys typed before the first prompt and types them once it shows', () => {
    const { lab, term, worker } = session();
    term.type('echo hi\rls');
    expect(worker.posted).toHaveLength(1);
    worker.answer(idle());
    expect(lab.ready).toBe(true);
    expect(worker.last()).toMatchObject({ type: 'input', text: 'echo hi' });
    // "ls" came after Enter: it waits for that command's prompt.
    expect(term.written).not.toContain('ls');
    worker.answer(idle());
    expect(worker.last()).toMatchObject({ type: 'input', text: 'echo hi' });
    term.type(' -l\r');
    expect(worker.last()).toMatchObject({ type: 'input', text: 'ls -l' });
  });

  it('interrupts a running command on Ctrl-C and drops what was typed ahead', () => {
    const { term, worker } = session();
    worker.answer(idle());
    term.type('sleep 10\r');
    term.type('whoami');
    term.type('\x03');
    expect(worker.last()).toEqual({ type: 'interrupt' });
    worker.answer(idle());
    term.type('\r');
    expect(worker.last()).toMatchObject({ type: 'input', text: '' });
  });

  it('completes on Tab with the worker’s candidates and ignores an answer it no longer waits for', () => {
    const { term, worker } = session();
    worker.answer(idle());
    term.type('docker im\t');
    expect(worker.last()).toEqual({ type: 'complete', id: 1, line: 'docker im', cursor: 9 });
    // Typed while the completion is pending: it follows the completion.
    term.type('ls');
    worker.answer({ type: 'completion', id: 7, start: 7, candidates: ['imagine'] });
    worker.answer({ type: 'completion', id: 1, start: 7, candidates: ['images'] });
    term.type('\r');
    expect(worker.last()).toMatchObject({ type: 'input', text: 'docker images ls' });
  });

  it('saves the lab at each prompt with its history and the solutions seen', () => {
    const { lab, term, worker, stored } = session();
    worker.answer(idle());
    lab.reveal('t2');
    term.type('pwd\r');
    worker.answer(idle('$ ', '/tmp'));
    expect(lab.cwd).toBe('/tmp');
    expect(lab.latest).not.toBeNull();
    expect(stored.at(-1)).toMatchObject({ id: '/page/#lab', lab: { history: ['pwd'], revealed: ['t2'] } });
  });

  it('follows the tasks and answers file requests by their id', async () => {
    const { lab, worker } = session();
    const events: string[] = [];
    lab.subscribe((e) => events.push(e.type));
    worker.answer({ type: 'tasks', results: [{ id: 't1', pass: true }] });
    expect(lab.live).toEqual({ t1: true });
    const listing = lab.files.ls('/etc');
    const asked = worker.last();
    expect(asked).toMatchObject({ type: 'ls', path: '/etc' });
    const id = (asked as { id: number }).id;
    worker.answer({ type: 'listing', id, path: '/etc', entries: [{ name: 'hosts', dir: false }] });
    await expect(listing).resolves.toEqual([{ name: 'hosts', dir: false }]);
    expect(events).toEqual(['tasks', 'listing']);
  });

  it('starts afresh on a new worker at Reset, forgetting the saved lab', async () => {
    const saved: SavedLab = { state, transcript: [], history: [], revealed: ['t1'] };
    const { lab, term, worker, workers, stored } = session({ saved });
    worker.answer(idle());
    const events: string[] = [];
    lab.subscribe((e) => events.push(e.type));
    await lab.reset();
    expect(worker.terminated).toBe(true);
    expect(term.resets).toBe(1);
    expect(stored.at(-1)).toEqual({ id: '/page/#lab', lab: undefined });
    expect(lab.revealed).toEqual([]);
    expect(lab.ready).toBe(false);
    expect(events).toEqual(['reset']);
    const next = workers[1];
    expect(next?.posted).toEqual([
      {
        type: 'start',
        seed: 'seed',
        setup: ['docker pull alpine'],
        machine: 'server',
        columns: 80,
        rows: 24,
      },
    ]);
    // The new worker's messages reach the session; the old one's are not listened to.
    next?.answer({ type: 'output', text: 'fresh' });
    expect(term.written).toBe('fresh');
  });

  it('tells the worker the terminal’s new size', () => {
    const { lab, term, worker } = session();
    term.cols = 40;
    term.rows = 12;
    lab.resized();
    expect(worker.last()).toEqual({ type: 'resize', columns: 40, rows: 12 });
  });

  it('sends keys as typed while a full-screen program reads them, Escape and Ctrl-C included', () => {
    const { lab, term, worker } = session();
    worker.answer(idle());
    term.type('vi notes\r');
    expect(worker.last()).toMatchObject({ type: 'input', text: 'vi notes' });
    // Typed before vi took the terminal: they wait, then go to vi as they are.
    term.type('ihi');
    worker.answer({ type: 'raw', on: true, epoch: 1 });
    expect(worker.last()).toEqual({ type: 'keys', data: 'ihi', epoch: 1, seq: 1 });
    expect(lab.typesEscape).toBe(true);
    term.type('\x1b:wq\r');
    expect(worker.last()).toEqual({ type: 'keys', data: '\x1b:wq\r', epoch: 1, seq: 2 });
    term.type('\x03');
    expect(worker.last()).toEqual({ type: 'keys', data: '\x03', epoch: 1, seq: 3 });
    // vi ended on ":wq" with "\x03" queued and unread: the line editor has it at the next prompt.
    worker.answer({ type: 'raw', on: false, epoch: 1, taken: 3, unread: '\x03' });
    expect(lab.typesEscape).toBe(false);
  });

  it('takes back, in order, keys that crossed the worker’s word that the program ended', () => {
    const { term, worker } = session();
    worker.answer(idle());
    term.type('nano a\r');
    worker.answer({ type: 'raw', on: true, epoch: 1 });
    term.type('\x18');
    term.type('cat');
    // nano ended on Ctrl-X (message 1); "cat" (message 2) reached the worker after, which drops it.
    worker.answer({ type: 'raw', on: false, epoch: 1, taken: 1, unread: '' });
    term.type(' a\r');
    worker.answer(idle());
    expect(worker.last()).toMatchObject({ type: 'input', text: 'cat a' });
  });

  it('writes the engine notice in the page’s language', () => {
    const { term, worker } = session();
    worker.answer({ type: 'notice', kind: 'engine-updated' });
    expect(term.written).toContain('Rebuilt for the new engine.');
  });
});
