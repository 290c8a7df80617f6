import type { Task } from '../process/scheduler.ts';

/** A command a shell runs in the background (`sleep 30 &`). */
export interface Job {
  n: number;
  pid: number;
  task: Task;
  /** The command as typed, without the `&`. */
  text: string;
}

/** What bash prints for a signal that ended a job (the C library's strsignal). */
const SIGNAL_DESCRIPTIONS: Record<number, string> = {
  1: 'Hangup',
  2: 'Interrupt',
  3: 'Quit',
  6: 'Aborted',
  9: 'Killed',
  10: 'User defined signal 1',
  12: 'User defined signal 2',
  13: 'Broken pipe',
  14: 'Alarm clock',
  15: 'Terminated',
};

/**
 * A shell's jobs, numbered as bash numbers them: the lowest free number above the highest in use,
 * `+` on the newest and `-` on the one before.
 */
export class JobTable {
  private readonly jobs: Job[] = [];

  add(pid: number, task: Task, text: string): Job {
    const n = (this.jobs[this.jobs.length - 1]?.n ?? 0) + 1;
    const job = { n, pid, task, text };
    this.jobs.push(job);
    return job;
  }

  all(): Job[] {
    return [...this.jobs];
  }

  /** The job a spec names: `%1`, `%%`, `%+`, `%-`, `%sleep` (a prefix of its command). */
  find(spec: string): Job | undefined {
    const body = spec.replace(/^%/, '');
    if (body === '' || body === '%' || body === '+') return this.jobs[this.jobs.length - 1];
    if (body === '-') return this.jobs[this.jobs.length - 2];
    if (/^\d+$/.test(body)) return this.jobs.find((j) => j.n === Number(body));
    return [...this.jobs].reverse().find((j) => j.text.startsWith(body));
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.pid === pid);
  }

  remove(job: Job): void {
    const i = this.jobs.indexOf(job);
    if (i >= 0) this.jobs.splice(i, 1);
  }

  /** A line of `jobs` (or a notice at the prompt): `[1]+  Running                 sleep 30 &`. */
  describe(job: Job, withPid = false): string {
    const last = this.jobs[this.jobs.length - 1];
    const mark = job === last ? '+' : job === this.jobs[this.jobs.length - 2] ? '-' : ' ';
    const state = !job.task.done
      ? 'Running'
      : job.task.status === 0
        ? 'Done'
        : job.task.status > 128 && SIGNAL_DESCRIPTIONS[job.task.status - 128]
          ? (SIGNAL_DESCRIPTIONS[job.task.status - 128] as string)
          : `Exit ${job.task.status}`;
    const text = job.task.done ? job.text : `${job.text} &`;
    return `[${job.n}]${mark}${withPid ? ` ${job.pid} ` : '  '}${state.padEnd(24)}${text}\n`;
  }

  /** Notices for jobs that ended (of `among`, or all); they leave the table, as bash's do. */
  reap(among?: Job[]): string {
    const ended = this.jobs.filter((j) => j.task.done && (!among || among.includes(j)));
    const text = ended.map((job) => this.describe(job)).join('');
    for (const job of ended) this.remove(job);
    return text;
  }
}
