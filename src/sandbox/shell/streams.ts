import type { WorkMeter } from '../core/work-meter.ts';
/** The byte streams a program sees. Text only: the sandbox has no binary pipes. */

export interface OutputStream {
  write(text: string): void;
  /** True when writing to the terminal (programs draw progress bars and colours only then). */
  readonly isTTY: boolean;
  /** Terminal width in columns (80 when not a terminal). */
  readonly columns: number;
}

export interface InputStream {
  /** Everything on the stream (pipes and files are fully buffered in the sandbox). */
  read(): string;
  readonly isTTY: boolean;
}

/** An output stream that keeps what is written, at most what the meter allows one string to hold. */
export function bufferStream(meter?: WorkMeter): OutputStream & { text(): string } {
  const chunks: string[] = [];
  let length = 0;
  return {
    write: (text) => {
      length += text.length;
      meter?.size(length);
      meter?.produce(text.length);
      chunks.push(text);
    },
    isTTY: false,
    columns: 80,
    text: () => chunks.join(''),
  };
}

export function textInput(text: string, isTTY = false): InputStream {
  return { read: () => text, isTTY };
}

export const EMPTY_INPUT: InputStream = textInput('');
