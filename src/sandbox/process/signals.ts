/** Linux signal names by number (1-31), as kill -l lists them. */
export const SIGNALS = [
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
  'STKFLT',
  'CHLD',
  'CONT',
  'STOP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'XCPU',
  'XFSZ',
  'VTALRM',
  'PROF',
  'WINCH',
  'POLL',
  'PWR',
  'SYS',
];

/** A signal number from `9`, `KILL`, `SIGKILL` or `sigkill`; undefined when unknown. */
export function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= 64 ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  const aliases: Record<string, number> = { IOT: 6, IO: 29, CLD: 17 };
  const index = SIGNALS.indexOf(name);
  return index >= 0 ? index + 1 : aliases[name];
}

/** A signal's name without `SIG` (`TERM`), or its number when it has none. */
export function signalName(signal: number): string {
  return SIGNALS[signal - 1] ?? String(signal);
}
