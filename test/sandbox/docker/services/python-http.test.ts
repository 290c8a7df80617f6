import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Bodies as real `python3 -m http.server` (3.11.7; 3.13 has the same code) sent them for the same files.
const LISTING =
  '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="a.txt">a.txt</a></li>\n<li><a href="link">link@</a></li>\n<li><a href="sub/">sub/</a></li>\n<li><a href="we%20ird%26.html">we ird&amp;.html</a></li>\n</ul>\n<hr>\n</body>\n</html>\n';
const NOT_FOUND =
  '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n';

async function served(extra = '') {
  const s = Sandbox.create({ seed: 7 });
  await s.run(`mkdir -p ~/d/sub && cd ~/d && echo hello > a.txt && echo '<b>x</b>' > 'we ird&.html' && ln -s a.txt link
docker pull -q python:3.13-slim >/dev/null
docker run -d --name py -p 8000:8000 -v ~/d:/srv ${extra} python:3.13-slim python3 -m http.server --directory /srv >/dev/null`);
  return s;
}

function split(out: string): { status: string; headers: string[]; body: string } {
  const end = out.indexOf('\r\n\r\n');
  const [status = '', ...headers] = out.slice(0, end).split('\r\n');
  return { status, headers, body: out.slice(end + 4) };
}

describe('python3 -m http.server', () => {
  it('lists a directory as Python does', async () => {
    const s = await served();
    const r = split(await s.run('curl -si localhost:8000/'));
    expect(r.status).toBe('HTTP/1.0 200 OK');
    expect(r.body).toBe(LISTING);
    expect(r.headers.map((h) => h.slice(0, h.indexOf(':')))).toEqual([
      'Server',
      'Date',
      'Content-type',
      'Content-Length',
    ]);
    expect(r.headers[0]).toBe('Server: SimpleHTTP/0.6 Python/3.13.9');
    expect(r.headers[2]).toBe('Content-type: text/html; charset=utf-8');
    expect(r.headers[3]).toBe(`Content-Length: ${LISTING.length}`);
  });

  it('serves files, redirects directories to the slash URL, and gives its 404 page', async () => {
    const s = await served();
    const file = split(await s.run('curl -si localhost:8000/a.txt'));
    expect(file.body).toBe('hello\n');
    const mtime = Number(await s.run('stat -c %Y ~/d/a.txt'));
    expect(file.headers.slice(2)).toEqual([
      'Content-type: text/plain',
      'Content-Length: 6',
      `Last-Modified: ${new Date(mtime * 1000).toUTCString()}`,
    ]);
    const moved = split(await s.run('curl -si "localhost:8000/sub?q=1"'));
    expect(moved.status).toBe('HTTP/1.0 301 Moved Permanently');
    expect(moved.headers.slice(2)).toEqual(['Location: /sub/?q=1', 'Content-Length: 0']);
    const missing = split(await s.run('curl -si localhost:8000/nope'));
    expect(missing.status).toBe('HTTP/1.0 404 File not found');
    expect(missing.headers.slice(2)).toEqual([
      'Connection: close',
      'Content-Type: text/html;charset=utf-8',
      `Content-Length: ${NOT_FOUND.length}`,
    ]);
    expect(missing.body).toBe(NOT_FOUND);
    expect(split(await s.run('curl -si -X POST localhost:8000/')).status).toBe(
      "HTTP/1.0 501 Unsupported method ('POST')",
    );
  });

  it('logs requests to stderr and keeps its banner in a buffer without a terminal', async () => {
    const s = await served();
    await s.run('curl -s localhost:8000/ >/dev/null; curl -s localhost:8000/nope >/dev/null');
    const date = (await s.run('date -u "+%d/%b/%Y %H:%M:%S"')).trim();
    expect(await s.run('docker logs py 2>/dev/null')).toBe('');
    expect(await s.run('docker logs py 2>&1')).toBe(
      `172.17.0.1 - - [${date}] "GET / HTTP/1.1" 200 -\n172.17.0.1 - - [${date}] code 404, message File not found\n172.17.0.1 - - [${date}] "GET /nope HTTP/1.1" 404 -\n`,
    );
    const unbuffered = await served('-e PYTHONUNBUFFERED=1');
    expect(await unbuffered.run('sleep 1; docker logs py')).toBe(
      'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n',
    );
  });

  it('runs from a Dockerfile CMD on the port it is given, in the working directory', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(`mkdir app && cd app && echo '<p>site</p>' > index.html
printf 'FROM python:3.13-slim\\nWORKDIR /site\\nCOPY index.html .\\nCMD ["python3", "-m", "http.server", "9000"]\\n' > Dockerfile
docker build -q -t pysite . >/dev/null
docker run -d --name site -p 8080:9000 pysite >/dev/null`);
    expect(await s.run('curl -s localhost:8080/')).toBe('<p>site</p>\n');
    expect(await s.run('docker top site')).toContain('python3 -m http.server 9000');
  });

  it('ignores SIGTERM as PID 1, so docker stop kills it after the timeout', async () => {
    const s = await served();
    const before = Number(await s.run('date +%s'));
    await s.run('docker stop py');
    expect(Number(await s.run('date +%s')) - before).toBeGreaterThanOrEqual(10);
    expect(await s.run('docker inspect -f "{{.State.ExitCode}}" py')).toBe('137\n');
  });

  it('prints its banner, buffered without a terminal, and exits on Ctrl-C', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q python:3.13-slim >/dev/null');
    const bye = '\nKeyboard interrupt received, exiting.\n';
    const banner = 'Serving HTTP on 0.0.0.0 port 8080 (http://0.0.0.0:8080/) ...\n';
    expect(await s.run('docker run python:3.13-slim python3 -m http.server 8080')).toBe(banner + bye);
    expect(await s.run('docker run python:3.13-slim sh -c "python3 -m http.server 8080"')).toBe(banner + bye);
  });
});
