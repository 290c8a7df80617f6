/**
 * Keystrokes as a terminal sends them: one chunk of raw input cut into keys. An escape sequence
 * (arrows, Home, End, Delete) is one key; an Escape at the end of a chunk is the Escape key.
 */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === '\x1b') {
      const seq = /^(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i + 1, i + 16));
      const key = seq ? `\x1b${seq[0]}` : '\x1b';
      keys.push(key);
      i += key.length;
      continue;
    }
    const code = data.codePointAt(i) as number;
    const key = String.fromCodePoint(code);
    // A pasted Windows line end is one Enter.
    if (key === '\r' && data[i + 1] === '\n') i++;
    keys.push(key === '\n' ? '\r' : key);
    i += key.length;
  }
  return keys;
}

/** The movement keys both editors share, by their usual sequences. */
export type Movement = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'delete';

const MOVEMENTS: Record<string, Movement> = {
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[7~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[8~': 'end',
  '\x1b[3~': 'delete',
};

/** The movement a key stands for, if it is one. */
export function movement(key: string): Movement | undefined {
  return MOVEMENTS[key];
}

/** A key that types itself: printable characters and Tab. */
export function isPrintable(key: string): boolean {
  return key === '\t' || (key.length >= 1 && key >= ' ' && key !== '\x7f' && !key.startsWith('\x1b'));
}
