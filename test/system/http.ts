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
