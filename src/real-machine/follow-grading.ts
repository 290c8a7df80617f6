import type { RealMachineLabels } from './RealMachineLab.tsx';

export interface GradingStatus {
  status: 'queued' | 'running' | 'done' | 'failed';
  position?: number;
  runningMs?: number;
  passed?: number;
  total?: number;
  error?: string;
  stopped?: 'deadline' | 'cancelled';
  tampered?: boolean;
}

/** Asks the server about a queued grading once a second until it is done, reporting each step. */
export async function followGrading(
  job: string,
  onStatus: (status: GradingStatus) => void,
  labels: Pick<RealMachineLabels, 'stopped' | 'tampered'>,
): Promise<{ ok: true; passed: number; total: number; note?: string } | { ok: false; reason: string }> {
  for (;;) {
    const response = await fetch(`/api/real-machine/jobs/${job}`).catch(() => undefined);
    const status = (await response?.json().catch(() => undefined)) as
      | (GradingStatus & { error?: string })
      | undefined;
    if (!response?.ok || !status) return { ok: false, reason: status?.error ?? 'the grader did not answer' };
    if (status.status === 'done') {
      const note = status.tampered
        ? labels.tampered
        : status.stopped === 'deadline'
          ? labels.stopped
          : undefined;
      return { ok: true, passed: status.passed ?? 0, total: status.total ?? 0, ...(note ? { note } : {}) };
    }
    if (status.status === 'failed') return { ok: false, reason: status.error ?? 'the grading failed' };
    onStatus(status);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
