/** A reply in redis's protocol (RESP2): what a server sends back for one command. */
export type RespReply =
  | { type: 'status'; text: string }
  | { type: 'error'; text: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; text: string }
  | { type: 'nil' }
  | { type: 'array'; items: RespReply[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text).length;

/** A command as a client sends it: an array of bulk strings. */
export function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${bytes(a)}\r\n${a}\r\n`).join('')}`;
}

/** A reply on the wire. */
export function encodeReply(reply: RespReply): string {
  switch (reply.type) {
    case 'status':
      return `+${reply.text}\r\n`;
    case 'error':
      return `-${reply.text}\r\n`;
    case 'integer':
      return `:${reply.value}\r\n`;
    case 'bulk':
      return `$${bytes(reply.text)}\r\n${reply.text}\r\n`;
    case 'nil':
      return '$-1\r\n';
    case 'array':
      return `*${reply.items.length}\r\n${reply.items.map(encodeReply).join('')}`;
  }
}

/** Reads one RESP value from `data` at byte `at`; returns it and where the next one starts. */
function readValue(data: Uint8Array, at: number): { value: RespReply | string[]; next: number } {
  const lineEnd = data.indexOf(13, at);
  if (lineEnd < 0) throw new Error('truncated RESP value');
  const head = decoder.decode(data.subarray(at + 1, lineEnd));
  const kind = String.fromCharCode(data[at] as number);
  const next = lineEnd + 2;
  if (kind === '+') return { value: { type: 'status', text: head }, next };
  if (kind === '-') return { value: { type: 'error', text: head }, next };
  if (kind === ':') return { value: { type: 'integer', value: Number(head) }, next };
  if (kind === '$') {
    const length = Number(head);
    if (length < 0) return { value: { type: 'nil' }, next };
    return {
      value: { type: 'bulk', text: decoder.decode(data.subarray(next, next + length)) },
      next: next + length + 2,
    };
  }
  if (kind === '*') {
    const items: RespReply[] = [];
    let pos = next;
    for (let i = 0; i < Number(head); i++) {
      const item = readValue(data, pos);
      items.push(item.value as RespReply);
      pos = item.next;
    }
    return { value: { type: 'array', items }, next: pos };
  }
  throw new Error(`bad RESP type ${kind}`);
}

/** The replies in a server's answer, in order. */
export function decodeReplies(wire: string): RespReply[] {
  const data = encoder.encode(wire);
  const out: RespReply[] = [];
  for (let at = 0; at < data.length; ) {
    const { value, next } = readValue(data, at);
    out.push(value as RespReply);
    at = next;
  }
  return out;
}

/** The commands in what a client sent: each an array of arguments. */
export function decodeCommands(wire: string): string[][] {
  return decodeReplies(wire).map((r) =>
    r.type === 'array' ? r.items.map((i) => (i.type === 'bulk' ? i.text : '')) : [],
  );
}
