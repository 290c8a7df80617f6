import { normalize } from '../../fs/path.ts';
import type { HttpResponse } from '../../shell/system.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import { httpDate, percentDecode, requestLine, type ServiceRequest } from './http.ts';

const SERVER = 'SimpleHTTP/0.6 Python/3.13.9';

/** Python 3.13's built-in types (the slim image has no /etc/mime.types), and http.server's own. */
const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  xml: 'text/xml',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  pdf: 'application/pdf',
  wasm: 'application/wasm',
  py: 'text/x-python',
  sh: 'application/x-sh',
  zip: 'application/zip',
  tar: 'application/x-tar',
  gz: 'application/gzip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

const RESPONSES: Record<number, [string, string]> = {
  301: ['Moved Permanently', 'Object moved permanently -- see URI list'],
  404: ['File not found', 'Nothing matches the given URI'],
  501: ['Unsupported method', 'Server does not support this operation'],
};

/** Python's `html.escape(text, quote=False)`. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `urllib.parse.quote(text)`: everything but letters, digits, `_.-~` and `/` percent-encoded. */
function quote(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9_.\-~/]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `log_date_time_string()`: `07/Dec/2026 09:00:00` (the container's zone is UTC). */
function logDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}`;
}

/** `python3 [-u] -m http.server [port] [-d DIR] [-b ADDR]`, read as Python's argparse does. */
export function parseHttpServerArgs(
  argv: string[],
): { port: number; directory?: string; bind?: string; unbuffered: boolean } | undefined {
  let i = 1;
  let unbuffered = false;
  while (argv[i]?.startsWith('-') && argv[i] !== '-m') {
    if (argv[i] === '-u') unbuffered = true;
    i++;
  }
  if (argv[i] !== '-m' || argv[i + 1] !== 'http.server') return undefined;
  const out: { port: number; directory?: string; bind?: string; unbuffered: boolean } = {
    port: 8000,
    unbuffered,
  };
  const rest = argv.slice(i + 2);
  for (let k = 0; k < rest.length; k++) {
    const arg = rest[k] as string;
    const value = (long: string) =>
      arg.startsWith(`${long}=`) ? arg.slice(long.length + 1) : (rest[++k] ?? '');
    if (arg === '-d' || arg === '--directory' || arg.startsWith('--directory='))
      out.directory = value('--directory');
    else if (arg === '-b' || arg === '--bind' || arg.startsWith('--bind=')) out.bind = value('--bind');
    else if (/^\d+$/.test(arg)) out.port = Number(arg);
  }
  return out;
}

/** `python3 -m http.server`: serves a directory's files and listings, logging each request to stderr. */
export function pythonHttpService(ctx: ServiceContext): ServiceModel | undefined {
  const args = parseHttpServerArgs(ctx.argv);
  if (!args) return undefined;
  const c = ctx.container;
  const cwd = c.config.workingDir || '/';
  const root = normalize(
    args.directory ? (args.directory.startsWith('/') ? args.directory : `${cwd}/${args.directory}`) : cwd,
  );
  const bind = args.bind ?? '0.0.0.0';
  const banner = `Serving HTTP on ${bind} port ${args.port} (http://${bind}:${args.port}/) ...`;
  // Python buffers stdout when it is not a terminal: the banner waits for exit unless -t or -u.
  const buffered = () =>
    !c.config.tty && !args.unbuffered && !c.config.env.some((e) => /^PYTHONUNBUFFERED=./.test(e));
  return {
    name: 'python-http',
    ports: [args.port],
    memory: 19 * 1024 * 1024,
    stopsOnTerm: false,
    processes: () => [{ args: ctx.argv.join(' '), rss: 19_400, vsz: 31_600, user: 'root' }],
    startup: (container) => {
      container.service = { connections: 0 };
      return { lines: buffered() ? [] : [{ delay: 30, stream: 'stdout', text: banner }] };
    },
    // Only Ctrl-C on an attached `docker run` gets here (SIGINT): Python exits, flushing its stdout.
    shutdown: (_iso, at) => {
      const out = [...(buffered() ? [banner] : []), '', 'Keyboard interrupt received, exiting.'];
      for (const text of out) c.logs.push({ at, stream: 'stdout', text: `${text}\n` });
      return [];
    },
    http: (request) => serve(ctx, root, request),
  };
}

function serve(ctx: ServiceContext, root: string, request: ServiceRequest): HttpResponse {
  const now = ctx.now();
  const log = (text: string) =>
    ctx.container.logs.push({
      at: now,
      stream: 'stderr',
      text: `${request.client} - - [${logDate(now)}] ${text}\n`,
    });
  const base: [string, string][] = [
    ['Server', SERVER],
    ['Date', httpDate(now)],
  ];
  const respond = (
    status: number,
    reason: string,
    headers: [string, string][],
    body: string,
  ): HttpResponse => {
    log(`"${requestLine(request)}" ${status} -`);
    return {
      status,
      statusText: reason,
      protocol: 'HTTP/1.0',
      headers: [...base, ...headers],
      body: request.method === 'HEAD' ? '' : body,
    };
  };
  const error = (status: number, message?: string): HttpResponse => {
    const [short, explain] = RESPONSES[status] ?? ['???', '???'];
    const text = message ?? short;
    log(`code ${status}, message ${text}`);
    const page = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: ${status}</p>\n        <p>Message: ${escapeHtml(text)}.</p>\n        <p>Error code explanation: ${status} - ${explain}.</p>\n    </body>\n</html>\n`;
    return respond(
      status,
      text,
      [
        ['Connection', 'close'],
        ['Content-Type', 'text/html;charset=utf-8'],
        ['Content-Length', String(new TextEncoder().encode(page).length)],
      ],
      page,
    );
  };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return error(501, `Unsupported method ('${request.method}')`);
  const [pathPart = '/'] = request.path.split(/[?#]/);
  const decoded = percentDecode(pathPart) ?? pathPart;
  const parts = normalize(`/${decoded}`)
    .split('/')
    .filter((p) => p && p !== '.' && p !== '..');
  let path = parts.length > 0 ? `${root === '/' ? '' : root}/${parts.join('/')}` : root;
  const trailing = pathPart.endsWith('/');
  const { fs } = ctx;
  if (fs.isDir(path)) {
    if (!trailing) {
      const [p, ...q] = request.path.split('?');
      return respond(
        301,
        'Moved Permanently',
        [
          ['Location', `${p}/${q.length > 0 ? `?${q.join('?')}` : ''}`],
          ['Content-Length', '0'],
        ],
        '',
      );
    }
    const index = ['index.html', 'index.htm']
      .map((n) => `${path}/${n}`)
      .find((p) => fs.stat(p)?.type === 'file');
    if (!index) return listing(fs.readdir(path), path, pathPart, respond);
    path = index;
  } else if (trailing) return error(404);
  const node = fs.stat(path);
  if (node?.type !== 'file') return error(404);
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') ? path.slice(dot + 1) : '';
  return respond(
    200,
    'OK',
    [
      ['Content-type', TYPES[ext] ?? TYPES[ext.toLowerCase()] ?? 'application/octet-stream'],
      ['Content-Length', String(node.size)],
      ['Last-Modified', httpDate(node.mtime)],
    ],
    node.text ?? '',
  );

  function listing(
    names: string[],
    dir: string,
    shown: string,
    send: (status: number, reason: string, headers: [string, string][], body: string) => HttpResponse,
  ): HttpResponse {
    const title = `Directory listing for ${escapeHtml(percentDecode(shown) ?? shown)}`;
    const items = [...names]
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
      .map((name) => {
        const full = `${dir === '/' ? '' : dir}/${name}`;
        let display = name;
        let link = name;
        if (fs.isDir(full)) {
          display = `${name}/`;
          link = `${name}/`;
        }
        if (fs.lstat(full)?.type === 'symlink') display = `${name}@`;
        return `<li><a href="${quote(link)}">${escapeHtml(display)}</a></li>`;
      });
    const body = [
      '<!DOCTYPE HTML>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${title}</title>\n</head>`,
      `<body>\n<h1>${title}</h1>`,
      '<hr>\n<ul>',
      ...items,
      '</ul>\n<hr>\n</body>\n</html>\n',
    ].join('\n');
    return send(
      200,
      'OK',
      [
        ['Content-type', 'text/html; charset=utf-8'],
        ['Content-Length', String(new TextEncoder().encode(body).length)],
      ],
      body,
    );
  }
}
