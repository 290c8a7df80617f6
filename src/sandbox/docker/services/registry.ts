import type { Filesystem } from '../../fs/filesystem.ts';
import type { HttpResponse } from '../../shell/system.ts';
import { VolumeStore } from '../registry/store.ts';
import type { ServiceFactory, ServiceModel } from '../services.ts';

const MiB = 1024 * 1024;

/** `registry:2` serving the images pushed to it, from its volume. */
const REGISTRY = (fs: Filesystem): ServiceModel => ({
  name: 'registry',
  ports: [5000],
  memory: 12 * MiB,
  processes: () => [
    { args: 'registry serve /etc/docker/registry/config.yml', rss: 12_000, vsz: 731_000, user: 'root' },
  ],
  startup: (_c, iso, start) => ({
    lines: [
      {
        delay: 20,
        stream: 'stderr',
        text: `time="${iso(start + 20)}" level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=0d3c8b3e-3b46-4d40-b9d4-4a0a1c1a8d5f service=registry version=2.8.3`,
      },
    ],
  }),
  http: (request) => registryApi(new VolumeStore(fs), request.method, request.path),
});

export const registryService: ServiceFactory = (ctx) => REGISTRY(ctx.fs);

const API_HEADERS: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['Docker-Distribution-Api-Version', 'registry/2.0'],
  ['X-Content-Type-Options', 'nosniff'],
];

function apiError(status: number, code: string, message: string, detail: unknown): HttpResponse {
  return {
    status,
    statusText: status === 404 ? 'Not Found' : 'Bad Request',
    headers: API_HEADERS,
    body: `${JSON.stringify({ errors: [{ code, message, detail }] })}\n`,
  };
}

/** The OCI distribution API of `registry:2`: /v2/, _catalog, tags/list, manifests. */
function registryApi(store: VolumeStore, method: string, path: string): HttpResponse {
  const ok = (body: string, extra: [string, string][] = []): HttpResponse => ({
    status: 200,
    statusText: 'OK',
    headers: [...API_HEADERS, ...extra],
    body: method === 'HEAD' ? '' : body,
  });
  if (path === '/v2/' || path === '/v2') return ok('{}');
  if (path === '/v2/_catalog') return ok(`${JSON.stringify({ repositories: store.repositories() })}\n`);
  const tags = /^\/v2\/(.+)\/tags\/list$/.exec(path);
  if (tags?.[1]) {
    const list = store.tags(tags[1]);
    if (!list)
      return apiError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name: tags[1] });
    return ok(`${JSON.stringify({ name: tags[1], tags: list })}\n`);
  }
  const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
  if (manifest?.[1] && manifest[2]) {
    const found = store.manifest(manifest[1], manifest[2]);
    if (!found) {
      if (!store.tags(manifest[1]))
        return apiError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name: manifest[1] });
      return apiError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { Tag: manifest[2] });
    }
    return ok(found.text, [
      ['Content-Type', 'application/vnd.docker.distribution.manifest.v2+json'],
      ['Docker-Content-Digest', found.digest],
      ['Etag', `"${found.digest}"`],
    ]);
  }
  return {
    status: 404,
    statusText: 'Not Found',
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
    body: '404 page not found\n',
  };
}
