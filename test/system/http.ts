import { request } from 'node:http';

/**
 * One HTTP request from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test can play many
 * clients that the server's per-address limits tell apart. Resolves with the status and the body.
 */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; from?: string } = {},
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'POST', headers: init.headers ?? {}, localAddress: init.from ?? '127.0.0.1' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The n-th of many client addresses on loopback. */
export const address = (n: number) => `127.0.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;

/** A browser at one address: keeps its session cookie and sends this site's Origin. */
export class Browser {
  cookie = '';
  readonly base: string;
  readonly from: string;
  constructor(base: string, from: string) {
    this.base = base;
    this.from = from;
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await send(`${this.base}${path}`, {
      headers: {
        'content-type': 'application/json',
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: JSON.stringify(body),
      from: this.from,
    });
    const set = response.headers['set-cookie'];
    if (set?.[0]) this.cookie = set[0].split(';')[0] as string;
    let parsed: Record<string, unknown> = {};
    try {
      parsed = response.text ? JSON.parse(response.text) : {};
    } catch {
      parsed = { text: response.text };
    }
    return { status: response.status, body: parsed };
  }
}
