import { describe, expect, it } from 'vitest';
import {
  findLocation,
  findServer,
  loadNginxConfig,
  NginxConfigError,
  parseDirectives,
  snapshotSource,
} from '../../../../src/sandbox/docker/services/nginx-config';

const MAIN =
  'user nginx;\nevents {}\nhttp {\n    include mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n';

describe('nginx configuration', () => {
  it('picks locations in nginx order: exact, ^~ prefix, regex, longest prefix', () => {
    const config = loadNginxConfig(
      snapshotSource({
        '/etc/nginx/nginx.conf': MAIN,
        '/etc/nginx/mime.types': 'types { text/css css; }\n',
        '/etc/nginx/conf.d/a.conf': `server {
    listen 8080;
    location / { root /a; }
    location /static/ { root /b; }
    location ^~ /images/ { root /c; }
    location ~* \\.(png|css)$ { root /d; }
    location = /exact { root /e; }
}`,
      }),
    );
    const server = findServer(config, 8080, 'anything');
    expect(server).toBeDefined();
    if (!server) return;
    const root = (uri: string) => findLocation(server, uri)?.settings.root;
    expect(root('/exact')).toBe('/e');
    expect(root('/images/x.png')).toBe('/c');
    expect(root('/static/x.CSS')).toBe('/d');
    expect(root('/static/x.js')).toBe('/b');
    expect(root('/other')).toBe('/a');
    expect(server.settings.types.css).toBe('text/css');
  });

  it('chooses the server by Host name, else the default server of the port', () => {
    const config = loadNginxConfig(
      snapshotSource({
        '/etc/nginx/nginx.conf': MAIN,
        '/etc/nginx/mime.types': 'types {}\n',
        '/etc/nginx/conf.d/a.conf': 'server { listen 80; server_name a.test; root /a; }\n',
        '/etc/nginx/conf.d/b.conf': 'server { listen 80 default_server; server_name b.test; root /b; }\n',
      }),
    );
    expect(findServer(config, 80, 'a.test')?.settings.root).toBe('/a');
    expect(findServer(config, 80, 'localhost')?.settings.root).toBe('/b');
    expect(findServer(config, 81, 'a.test')).toBeUndefined();
  });

  it('reports what nginx -t reported for broken files', () => {
    const error = (text: string) => {
      try {
        parseDirectives(text, '/f.conf');
      } catch (e) {
        return e instanceof NginxConfigError ? e.message : 'other';
      }
      return 'none';
    };
    // Messages real nginx 1.22 printed for these same files.
    expect(error('server { listen 8089; root /x }')).toBe('unexpected "}" in /f.conf:1');
    expect(error('server { listen 8089; root /x;')).toBe(
      'unexpected end of file, expecting "}" in /f.conf:1',
    );
    expect(error('server { listen 8089; root /x; } }')).toBe('unexpected "}" in /f.conf:1');
    expect(error('server { ; }')).toBe('unexpected ";" in /f.conf:1');
    expect(() => loadNginxConfig(snapshotSource({}))).toThrow(
      'open() "/etc/nginx/nginx.conf" failed (2: No such file or directory)',
    );
  });
});
