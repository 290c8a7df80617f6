import { describe, expect, it } from 'vitest';
import { curl, METER_HEADER, max5 } from '../../../src/sandbox/commands/curl.ts';
import { wget } from '../../../src/sandbox/commands/wget.ts';
import type { HttpFailure, HttpResponse } from '../../../src/sandbox/shell/system.ts';
import { run } from './context.ts';

const PAGE = '<h1>Welcome to nginx!</h1>\n';

/** nginx on localhost:8080; nothing else answers; `nowhere` does not resolve. */
function http(host: string, port: number, _method: string, path: string): HttpResponse | HttpFailure {
  if (host === 'nowhere') return { error: 'unresolved', host, port };
  if (host !== 'localhost' || port !== 8080) return { error: 'refused', host, port };
  if (path === '/old')
    return { status: 301, statusText: 'Moved Permanently', headers: [['Location', '/']], body: '' };
  if (path !== '/')
    return {
      status: 404,
      statusText: 'Not Found',
      headers: [['Content-Type', 'text/html']],
      body: 'missing\n',
    };
  return {
    status: 200,
    statusText: 'OK',
    headers: [
      ['Server', 'nginx/1.27.0'],
      ['Content-Type', 'text/html'],
    ],
    body: PAGE,
  };
}

describe('curl', () => {
  it('prints the body to a terminal without a meter', async () => {
    const r = await run(curl('gnu'), ['curl', 'http://localhost:8080/'], { http, tty: true });
    expect(r.out).toBe(PAGE);
    expect(r.err).toBe('');
  });
  it('shows the progress meter on stderr when stdout is not a terminal', async () => {
    const r = await run(curl('gnu'), ['curl', 'localhost:8080'], { http });
    expect(r.out).toBe(PAGE);
    expect(r.err).toBe(
      `${METER_HEADER}\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0` +
        '\r100    27  100    27    0     0  27000      0 --:--:-- --:--:-- --:--:-- 27000\n',
    );
  });
  it('-I prints headers with CRLF', async () => {
    const r = await run(curl('gnu'), ['curl', '-sI', 'http://localhost:8080/'], { http });
    expect(r.out).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.27.0\r\nContent-Type: text/html\r\n\r\n');
  });
  it('reports refused and unresolved connections with curl exit codes', async () => {
    const refused = await run(curl('gnu'), ['curl', 'http://localhost:9999/'], { http, tty: true });
    expect(refused.err).toBe(
      "curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n",
    );
    expect(refused.status).toBe(7);
    const unresolved = await run(curl('gnu'), ['curl', '-sS', 'http://nowhere/'], { http });
    expect(unresolved.err).toBe('curl: (6) Could not resolve host: nowhere\n');
    expect(unresolved.status).toBe(6);
    const silent = await run(curl('gnu'), ['curl', '-s', 'http://nowhere/'], { http });
    expect(silent.err).toBe('');
    expect(silent.status).toBe(6);
  });
  it('-f fails on HTTP errors, -L follows redirects, -o writes a file', async () => {
    const fail = await run(curl('gnu'), ['curl', '-sSf', 'localhost:8080/x'], { http });
    expect(fail.err).toBe('curl: (22) The requested URL returned error: 404\n');
    expect(fail.status).toBe(22);
    expect((await run(curl('gnu'), ['curl', '-sL', 'localhost:8080/old'], { http })).out).toBe(PAGE);
    const saved = await run(curl('gnu'), ['curl', '-s', '-o', 'page.html', 'localhost:8080'], {
      http,
      tty: true,
    });
    expect(saved.h.fs.readText('/home/learner/page.html')).toBe(PAGE);
    expect((await run(curl('gnu'), ['curl'])).status).toBe(2);
  });
  it('formats meter cells like curl', () => {
    expect(max5(612)).toBe('  612');
    expect(max5(611_000)).toBe(' 596k');
    expect(max5(15 * 1024 * 1024)).toBe('15.0M');
  });
});

describe('wget', () => {
  it('-qO- prints the body', async () => {
    const r = await run(wget('busybox'), ['wget', '-qO-', 'http://localhost:8080/'], { http });
    expect(r.out).toBe(PAGE);
    expect(r.err).toBe('');
  });
  it('BusyBox wording for failures', async () => {
    const refused = await run(wget('busybox'), ['wget', '-qO-', 'http://localhost:9999/'], { http });
    expect(refused.err).toBe("wget: can't connect to remote host (127.0.0.1): Connection refused\n");
    expect(refused.status).toBe(1);
    expect((await run(wget('busybox'), ['wget', 'http://nowhere/'], { http })).err).toBe(
      "wget: bad address 'nowhere'\n",
    );
    const missing = await run(wget('busybox'), ['wget', '-q', 'http://localhost:8080/x'], { http });
    expect(missing.err).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
  });
  it('BusyBox saves index.html', async () => {
    const r = await run(wget('busybox'), ['wget', 'http://localhost:8080/'], { http });
    expect(r.h.fs.readText('/home/learner/index.html')).toBe(PAGE);
    expect(r.err.split('\n')[0]).toBe('Connecting to localhost:8080 (127.0.0.1:8080)');
    expect(r.err).toContain("'index.html' saved\n");
  });
  it('GNU wget logs and exit codes', async () => {
    const r = await run(wget('gnu'), ['wget', 'http://localhost:8080/'], { http });
    expect(r.err.split('\n').slice(0, 6)).toEqual([
      '--2026-11-23 16:05:00--  http://localhost:8080/',
      'Resolving localhost (localhost)... 127.0.0.1',
      'Connecting to localhost (localhost)|127.0.0.1|:8080... connected.',
      'HTTP request sent, awaiting response... 200 OK',
      'Length: 27 [text/html]',
      'Saving to: ‘index.html’',
    ]);
    const refused = await run(wget('gnu'), ['wget', 'http://localhost:9999/'], { http });
    expect(refused.status).toBe(4);
    expect(refused.err).toContain(
      'Connecting to localhost (localhost)|127.0.0.1|:9999... failed: Connection refused.\n',
    );
    expect((await run(wget('gnu'), ['wget', 'http://localhost:8080/x'], { http })).status).toBe(8);
  });
});
