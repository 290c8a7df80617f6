import { normalize } from '../../fs/path.ts';
import type { HttpResponse } from '../../shell/system.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import { httpDate, percentDecode, type ServiceRequest } from './http.ts';

/** BusyBox httpd's own content types (`static const char ext_types[]` in networking/httpd.c). */
const TYPES: Record<string, string> = {
  htm: 'text/html',
  html: 'text/html',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  wasm: 'application/wasm',
  xml: 'text/xml',
};

/** `httpd -f [-p [IP:]PORT] [-h HOME]`, the options that shape what it serves; undefined otherwise. */
export function parseHttpdArgs(argv: string[]): { port: number; home: string } | undefined {
  if ((argv[0] ?? '').split('/').pop() !== 'httpd') return undefined;
  let foreground = false;
  let port = 80;
  let home = '.';
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => (arg.length > 2 ? arg.slice(2) : (argv[++i] ?? ''));
    if (/^-[vfi]+$/.test(arg)) foreground ||= arg.includes('f');
    else if (arg.startsWith('-p')) port = Number(value().split(':').pop()) || 80;
    else if (arg.startsWith('-h')) home = value();
  }
  // Without -f it daemonises and the container's main process ends at once.
  return foreground ? { port, home } : undefined;
}

/** BusyBox `httpd -f`: serves a directory's files (index.html for a directory), silently. */
export function busyboxHttpdService(ctx: ServiceContext): ServiceModel | undefined {
  const args = parseHttpdArgs(ctx.argv);
  if (!args) return undefined;
  const cwd = ctx.container.config.workingDir || '/';
  const root = normalize(args.home.startsWith('/') ? args.home : `${cwd}/${args.home}`);
  return {
    name: 'busybox-httpd',
    ports: [args.port],
    memory: 400 * 1024,
    stopsOnTerm: false,
    processes: () => [{ args: ctx.argv.join(' '), rss: 400, vsz: 1_300, user: 'root' }],
    startup: () => ({ lines: [] }),
    http: (request) => serve(ctx, root, request),
  };
}

function serve(ctx: ServiceContext, root: string, request: ServiceRequest): HttpResponse {
  const date = httpDate(ctx.now());
  const error = (status: number, reason: string, text: string): HttpResponse => {
    const body = `<HTML><HEAD><TITLE>${status} ${reason}</TITLE></HEAD>\n<BODY><H1>${status} ${reason}</H1>\n${text}\n</BODY></HTML>\n`;
    return {
      status,
      statusText: reason,
      headers: [
        ['Content-type', 'text/html'],
        ['Date', date],
        ['Connection', 'close'],
      ],
      body,
    };
  };
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST')
    return error(501, 'Not Implemented', 'The requested method is not recognized');
  const [pathPart = '/'] = request.path.split(/[?#]/);
  const decoded = percentDecode(pathPart);
  if (decoded === undefined) return error(400, 'Bad Request', 'Unsupported method');
  const parts = normalize(`/${decoded}`).split('/').filter(Boolean);
  let path = `${root === '/' ? '' : root}/${parts.join('/')}`;
  if (ctx.fs.isDir(path)) {
    if (!pathPart.endsWith('/')) {
      return {
        status: 302,
        statusText: 'Found',
        headers: [
          ['Content-type', 'text/html'],
          ['Date', date],
          ['Connection', 'close'],
          ['Location', `${pathPart}/`],
        ],
        body: '',
      };
    }
    path = `${path.replace(/\/$/, '')}/index.html`;
  }
  const node = ctx.fs.stat(path);
  if (node?.type !== 'file') return error(404, 'Not Found', 'The requested URL was not found');
  const ext =
    path
      .slice(path.lastIndexOf('/') + 1)
      .split('.')
      .slice(1)
      .pop() ?? '';
  return {
    status: 200,
    statusText: 'OK',
    headers: [
      ['Content-type', TYPES[ext.toLowerCase()] ?? 'application/octet-stream'],
      ['Date', date],
      ['Connection', 'close'],
      ['Accept-Ranges', 'bytes'],
      ['Last-Modified', httpDate(node.mtime)],
      ['Content-Length', String(node.size)],
    ],
    body: request.method === 'HEAD' ? '' : (node.text ?? ''),
  };
}
