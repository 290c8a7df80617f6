import type { Workload } from '../host/workload.ts';
import type { User } from '../shell/program.ts';
import type { ProcessInfo } from '../shell/system.ts';
import type { Scheduler, Task } from './scheduler.ts';

/** A background process of a machine's shells (`sleep 30 &`), as its process table shows it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  uid: number;
  args: string;
  start: number;
  task: Task;
}

/**
 * The background processes that shells on one machine started: they show in `ps` and take signals
 * from `kill`. A workload of the host, so the host adds them up like any other.
 */
export class ProcessTable implements Workload {
  private readonly scheduler: Scheduler;
  private readonly entries = new Map<number, ProcessEntry>();

  constructor(scheduler: Scheduler) {
    this.scheduler = scheduler;
  }

  /** Lists a process until its task ends. */
  add(entry: ProcessEntry): void {
    this.entries.set(entry.pid, entry);
    entry.task.onEnd.push(() => this.entries.delete(entry.pid));
  }

  processes(): ProcessInfo[] {
    return [...this.entries.values()].map((e) => ({
      pid: e.pid,
      ppid: e.ppid,
      uid: e.uid,
      user: String(e.uid),
      tty: 'pts/0',
      stat: 'S',
      start: e.start,
      cpuMs: 0,
      rss: 1_792,
      vsz: 5_680,
      args: e.args,
    }));
  }

  memoryBytes(): number {
    return this.entries.size * 1_792 * 1024;
  }

  diskBytes(): number {
    return 0;
  }

  kill(pid: number, signal: number, actor: User): 'ok' | 'EPERM' | undefined {
    const entry = this.entries.get(pid);
    if (!entry) return undefined;
    if (actor.uid !== 0 && actor.uid !== entry.uid) return 'EPERM';
    this.scheduler.signal(entry.task, signal);
    return 'ok';
  }
}
