import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRoute } from 'astro';
import { GET as jwks } from '../../src/pages/lti/jwks';
import { POST as launchRoute } from '../../src/pages/lti/launch';
import { GET as loginRoute } from '../../src/pages/lti/login';
import type { Person, TestPlatform } from './platform';

export interface CallInit {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  origin?: string;
}

/** One browser calling Quayside's routes directly, keeping cookies as the server set them. */
export class LtiBrowser {
  readonly cookies = new Map<string, { value: string; options: Record<string, unknown> }>();
  readonly site: string;
  readonly address: string;
  constructor(site: string, address = '10.9.0.1') {
    this.site = site;
    this.address = address;
  }

  async call(route: APIRoute, init: CallInit = {}): Promise<Response> {
    const url = new URL(init.path ?? '/', this.site);
    const method = init.method ?? (init.form || init.json !== undefined ? 'POST' : 'GET');
    const headers = new Headers();
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (init.origin ?? (method !== 'GET' && init.json !== undefined))
      headers.set('origin', init.origin ?? this.site);
    const request = new Request(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const jar = this.cookies;
    const cookies = {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)?.value } : undefined),
      set: (name: string, value: string, options: Record<string, unknown>) =>
        jar.set(name, { value, options }),
      delete: (name: string) => jar.delete(name),
    };
    return (await route({
      params: init.params ?? {},
      request,
      cookies,
      url,
      clientAddress: this.address,
    } as never)) as Response;
  }

  /**
   * Begins a launch as the platform's page would (login initiation), lets the platform authorise it,
   * and returns the form the platform posts back, without posting it.
   */
  async authorise(platform: TestPlatform, person: Person, message: string): Promise<Record<string, string>> {
    const login = new URL(platform.loginUrl(person, message));
    const begun = await this.call(loginRoute, { path: `/lti/login${login.search}` });
    if (begun.status !== 302) throw new Error(`login answered ${begun.status}: ${await begun.text()}`);
    const page = await (await fetch(begun.headers.get('location') as string)).text();
    const field = (name: string) =>
      (new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '').replace(/&#(\d+);/g, (_, n) =>
        String.fromCharCode(Number(n)),
      );
    return { id_token: field('id_token'), state: field('state') };
  }

  /** A whole launch: login, authorisation, and the launch post. */
  async launch(platform: TestPlatform, person: Person, message: string): Promise<Response> {
    const form = await this.authorise(platform, person, message);
    return this.post(form);
  }

  post(form: Record<string, string>): Promise<Response> {
    return this.call(launchRoute, { path: '/lti/launch', form });
  }
}

/** Serves the tool's JWKS over HTTP, which the platform fetches to verify Quayside's signatures. */
export async function serveToolKeys(): Promise<{ origin: string; server: Server }> {
  let origin = '';
  const server = createServer(async (req, res) => {
    const response = (await jwks({ request: new Request(`${origin}${req.url}`) } as never)) as Response;
    res.writeHead(response.status, { 'content-type': 'application/json' });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, server };
}
