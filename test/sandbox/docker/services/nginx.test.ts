import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

/** nginx's built-in error page, byte for byte as nginx 1.22.1 sent it here, with 1.29.3's version. */
function realPage(title: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\n`;
}

async function web(options: { tty?: boolean } = {}) {
  const s = Sandbox.create({ seed: 7, ...options });
  await s.run('docker pull -q nginx\ndocker run -d --name web -p 8080:80 nginx');
  return s;
}

/** The header lines of `curl -si` output, without the status line. */
function headers(out: string): [string, string][] {
  const head = out.slice(0, out.indexOf('\r\n\r\n'));
  return head
    .split('\r\n')
    .slice(1)
    .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)] as [string, string]);
}

describe('nginx serves the container files', () => {
  it('answers the welcome page with the headers nginx sends, from the file itself', async () => {
    const s = await web();
    const mtime = Number(await s.run('docker exec web stat -c %Y /usr/share/nginx/html/index.html'));
    const out = await s.run('curl -si localhost:8080/');
    expect(out.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const body = await s.run('docker exec web cat /usr/share/nginx/html/index.html');
    expect(out.slice(out.indexOf('\r\n\r\n') + 4)).toBe(body);
    expect(headers(out).map(([k]) => k)).toEqual([
      'Server',
      'Date',
      'Content-Type',
      'Content-Length',
      'Last-Modified',
      'Connection',
      'ETag',
      'Accept-Ranges',
    ]);
    const h = Object.fromEntries(headers(out));
    expect(h.Server).toBe('nginx/1.29.3');
    expect(h['Content-Type']).toBe('text/html');
    expect(h['Content-Length']).toBe(String(new TextEncoder().encode(body).length));
    expect(h['Last-Modified']).toBe(new Date(mtime * 1000).toUTCString());
    expect(h.ETag).toBe(`"${mtime.toString(16)}-${Number(h['Content-Length']).toString(16)}"`);
    expect(h.Connection).toBe('keep-alive');
    expect(h['Accept-Ranges']).toBe('bytes');
    expect(h.Date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('ships the files of the official image', async () => {
    const s = await web();
    expect(await s.run('docker exec web ls /etc/nginx /etc/nginx/conf.d /usr/share/nginx/html')).toBe(
      '/etc/nginx:\nconf.d\nmime.types\nnginx.conf\n\n/etc/nginx/conf.d:\ndefault.conf\n\n/usr/share/nginx/html:\n50x.html\nindex.html\n',
    );
    expect(await s.run('docker exec web grep -c "listen       80;" /etc/nginx/conf.d/default.conf')).toBe(
      '1\n',
    );
    expect(await s.run('curl -s localhost:8080/50x.html | grep h1')).toBe('<h1>An error occurred.</h1>\n');
  });

  it('serves what docker exec writes, and what a bind mount holds as the host changes it', async () => {
    const s = await web();
    await s.run(`docker exec web sh -c 'echo hi > /usr/share/nginx/html/index.html'`);
    expect(await s.run('curl -s localhost:8080/')).toBe('hi\n');
    expect(await s.run('curl -sI localhost:8080/ | grep Content-Length')).toBe('Content-Length: 3\r\n');

    await s.run("mkdir -p ~/site && echo '<h1>mine</h1>' > ~/site/index.html");
    await s.run('docker run -d --name site -p 8000:80 -v ~/site:/usr/share/nginx/html:ro nginx');
    expect(await s.run('curl -s localhost:8000')).toBe('<h1>mine</h1>\n');
    const before = await s.run('curl -sI localhost:8000 | grep ETag');
    await s.run("sleep 2; echo '<h1>changed</h1>' > ~/site/index.html");
    expect(await s.run('curl -s localhost:8000/index.html')).toBe('<h1>changed</h1>\n');
    expect(await s.run('curl -sI localhost:8000 | grep ETag')).not.toBe(before);
  });

  it('serves a page a Dockerfile copies in', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(`mkdir app && cd app && echo '<p>built</p>' > index.html && printf 'body {}\\n' > site.css
printf 'FROM nginx\\nCOPY index.html site.css /usr/share/nginx/html/\\n' > Dockerfile
docker build -q -t site . >/dev/null
docker run -d --name site -p 8080:80 site`);
    expect(await s.run('curl -s localhost:8080/')).toBe('<p>built</p>\n');
    expect(await s.run('curl -sI localhost:8080/site.css | grep Content-Type')).toBe(
      'Content-Type: text/css\r\n',
    );
  });

  it('gives a 404 and 403 page as nginx words them, and 301 to the slash URL', async () => {
    const s = await web();
    await s.run(
      `docker exec web sh -c 'mkdir /usr/share/nginx/html/docs /usr/share/nginx/html/empty; echo d > /usr/share/nginx/html/docs/index.html; echo s > /usr/share/nginx/html/secret.txt; chmod 600 /usr/share/nginx/html/secret.txt'`,
    );
    const missing = await s.run('curl -si localhost:8080/nope');
    expect(missing.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
    expect(missing.endsWith(`\r\n\r\n${realPage('404 Not Found')}`)).toBe(true);
    expect(headers(missing).map(([k]) => k)).toEqual([
      'Server',
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
    ]);
    expect(Object.fromEntries(headers(missing))['Content-Length']).toBe('153');

    expect(await s.run('curl -s localhost:8080/empty/')).toBe(realPage('403 Forbidden'));
    expect(await s.run('curl -s -o /dev/null -w "%{http_code}" localhost:8080/secret.txt')).toBe('403');

    const moved = await s.run('curl -si "localhost:8080/docs?x=1"');
    expect(moved.split('\r\n')[0]).toBe('HTTP/1.1 301 Moved Permanently');
    // nginx names its own port (80), not the published one.
    expect(Object.fromEntries(headers(moved)).Location).toBe('http://localhost/docs/?x=1');
    expect(moved.endsWith(realPage('301 Moved Permanently'))).toBe(true);
    expect(await s.run('curl -s localhost:8080/docs/')).toBe('d\n');
  });

  it('answers HEAD with the headers only', async () => {
    const s = await web();
    const head = await s.run('curl -sI localhost:8080/');
    const get = await s.run('curl -si localhost:8080/');
    expect(head).toBe(get.slice(0, get.indexOf('\r\n\r\n') + 4));
  });

  it('sends the types of mime.types, and the default type for others', async () => {
    const s = await web();
    await s.run(
      `docker exec web sh -c 'cd /usr/share/nginx/html && for f in a.js b.json c.PNG d.svg e.unknownext f.txt; do echo x > $f; done'`,
    );
    const type = (f: string) => s.run(`curl -sI localhost:8080/${f} | grep Content-Type`);
    expect(await type('a.js')).toBe('Content-Type: application/javascript\r\n');
    expect(await type('b.json')).toBe('Content-Type: application/json\r\n');
    expect(await type('c.PNG')).toBe('Content-Type: image/png\r\n');
    expect(await type('d.svg')).toBe('Content-Type: image/svg+xml\r\n');
    expect(await type('e.unknownext')).toBe('Content-Type: application/octet-stream\r\n');
    expect(await type('f.txt')).toBe('Content-Type: text/plain\r\n');
  });
});

describe('nginx logs', () => {
  it('writes an access line per request to stdout and errors to stderr, as the image does', async () => {
    const s = await web();
    await s.run('curl -s localhost:8080/ >/dev/null; curl -sI localhost:8080/; curl -s localhost:8080/nope');
    const out = (await s.run('docker logs web 2>/dev/null')).trim().split('\n');
    const date = (await s.run('date -u +%d/%b/%Y:%H:%M:%S')).trim();
    expect(out.slice(-3)).toEqual([
      `172.17.0.1 - - [${date} +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"`,
      `172.17.0.1 - - [${date} +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/8.5.0" "-"`,
      `172.17.0.1 - - [${date} +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"`,
    ]);
    const err = (await s.run('docker logs web 2>&1 >/dev/null')).trim().split('\n');
    const errDate = (await s.run('date -u "+%Y/%m/%d %H:%M:%S"')).trim();
    expect(err[err.length - 1]).toBe(
      `${errDate} [error] 29#29: *3 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /nope HTTP/1.1", host: "localhost:8080"`,
    );
  });

  it('logs the address and user agent of each client', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q nginx\ndocker pull -q alpine\ndocker network create app');
    await s.run('docker run -d --name web --network app nginx');
    await s.run('docker run --rm --network app --name client alpine wget -q -O /dev/null http://web/');
    await s.run('docker run --rm --network app alpine wget -q -O /dev/null -U probe/1 http://web/nope');
    await s.run('curl -s 172.18.0.2 >/dev/null');
    const lines = (await s.run('docker logs web 2>/dev/null')).trim().split('\n').slice(-3);
    expect(lines[0]).toMatch(/^172\.18\.0\.3 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/);
    expect(lines[1]).toMatch(/^172\.18\.0\.4 - - .* "GET \/nope HTTP\/1\.1" 404 153 "-" "probe\/1" "-"$/);
    // From the host, nginx sees the bridge's gateway.
    expect(lines[2]).toMatch(/^172\.18\.0\.1 - - .* "curl\/8\.5\.0" "-"$/);
  });
});

describe('nginx configuration', () => {
  it('reads conf.d: its own root, port, try_files, error_page and index', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(`mkdir app && cd app && mkdir -p public/assets
echo '<p>app</p>' > public/app.html && echo 'missing' > public/404.html && echo 'x' > public/assets/a.txt
cat > site.conf <<'EOF'
server {
    listen 8081;
    server_name _;
    root /srv/public;
    index app.html;
    error_page 404 /404.html;
    location / {
        try_files $uri $uri/ /app.html;
    }
    location /assets/ {
        try_files $uri =404;
    }
}
EOF
printf 'FROM nginx\\nCOPY site.conf /etc/nginx/conf.d/default.conf\\nCOPY public /srv/public\\n' > Dockerfile
docker build -q -t spa . >/dev/null
docker run -d --name spa -p 9000:8081 spa`);
    expect(await s.run('curl -s localhost:9000/')).toBe('<p>app</p>\n');
    expect(await s.run('curl -s localhost:9000/some/client/route')).toBe('<p>app</p>\n');
    expect(await s.run('curl -s localhost:9000/assets/a.txt')).toBe('x\n');
    const missing = await s.run('curl -si localhost:9000/assets/none.txt');
    expect(missing.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
    expect(missing.endsWith('\r\n\r\nmissing\n')).toBe(true);
    // An error page keeps its ETag but drops Last-Modified and Accept-Ranges, as nginx does.
    expect(headers(missing).map(([k]) => k)).toEqual([
      'Server',
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'ETag',
    ]);
    expect(await s.run('docker logs spa 2>&1 | grep -c "entrypoint.sh: Configuration complete"')).toBe('1\n');
    expect(await s.run('docker logs spa 2>/dev/null | grep ^10-listen')).toBe(
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version\n',
    );
  });

  it('refuses to start on a broken configuration, with the [emerg] line', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(`mkdir app && cd app && printf 'server {\\n    listen 80;\\n    root /x\\n}\\n' > bad.conf
printf 'FROM nginx\\nCOPY bad.conf /etc/nginx/conf.d/default.conf\\n' > Dockerfile
docker build -q -t bad . >/dev/null
docker run -d --name bad bad >/dev/null; sleep 1`);
    expect(await s.run('docker ps -a --format "{{.Status}}"')).toMatch(/^Exited \(1\)/);
    const err = (await s.run('docker logs bad 2>&1 >/dev/null')).trim().split('\n');
    expect(err[err.length - 1]).toBe('nginx: [emerg] unexpected "}" in /etc/nginx/conf.d/default.conf:4');
    expect(err[err.length - 2]).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] 1#1: unexpected "}" in \/etc\/nginx\/conf.d\/default.conf:4$/,
    );
  });
});

describe('nginx reload', () => {
  it('keeps the configuration it started with until nginx -s reload', async () => {
    const s = await web();
    await s.run(`docker exec web sh -c 'mkdir /srv/other && echo other > /srv/other/index.html'`);
    await s.run(
      `docker exec web sh -c 'printf "server {\\n    listen 80;\\n    root /srv/other;\\n}\\n" > /etc/nginx/conf.d/default.conf'`,
    );
    expect(await s.run('curl -s localhost:8080/ | grep "<title>"')).toBe(
      '<title>Welcome to nginx!</title>\n',
    );
    expect(await s.run('docker exec web nginx -t')).toBe(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    expect(await s.run('docker exec web nginx -s reload')).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] (\d+)#\1: signal process started\n$/,
    );
    expect(await s.run('curl -s localhost:8080/')).toBe('other\n');
    const logs = (await s.run('docker logs web 2>&1 >/dev/null')).split('\n');
    const reloaded = logs
      .map((l) => l.replace(/^\S+ \S+ \[notice\] /, ''))
      .filter((l) => /SIGHUP|reconfiguring|gracefully/.test(l));
    expect(reloaded).toEqual([
      expect.stringMatching(/^1#1: signal 1 \(SIGHUP\) received from \d+, reconfiguring$/),
      '1#1: reconfiguring',
      '29#29: gracefully shutting down',
    ]);
  });

  it('refuses a broken file in nginx -t and -s reload, and goes on serving', async () => {
    const s = await web();
    await s.run(
      `docker exec web sh -c 'printf "server {\\n    listen 80;\\n    root /srv\\n}\\n" > /etc/nginx/conf.d/default.conf'`,
    );
    const test = (await s.run('docker exec web nginx -t; echo "status $?"')).split('\n');
    expect(test[0]).toMatch(/\[emerg\] \d+#\d+: unexpected "}" in \/etc\/nginx\/conf.d\/default.conf:4$/);
    expect(test.slice(1)).toEqual([
      'nginx: configuration file /etc/nginx/nginx.conf test failed',
      'status 1',
      '',
    ]);
    expect(await s.run('docker exec web nginx -s reload; echo "status $?"')).toMatch(
      /unexpected "}".*\nstatus 1\n$/,
    );
    expect(await s.run('curl -s -o /dev/null -w "%{http_code}" localhost:8080/')).toBe('200');
  });
});
