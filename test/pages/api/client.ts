import type { APIRoute } from 'astro';

const SITE = 'http://localhost:4321';
let addresses = 0;

interface Cookie {
  value: string;
  options: Record<string, unknown>;
}

export interface CallInit {
  params?: Record<string, string>;
  body?: unknown;
  origin?: string | null;
  method?: string;
  search?: string;
}

type Body = Record<string, unknown> & { error?: string };

/**
 * One browser, for calling API routes directly: it keeps its cookies (recording the options the
 * server set them with), sends this site's Origin unless told otherwise, and has its own address.
 */
export class Client {
  readonly cookies = new Map<string, Cookie>();
  /** `address` is shared when several people browse from one place (a school's network). */
  readonly address: string;
  constructor(address = `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`) {
    this.address = address;
  }

  /** Status and JSON body. */
  async call(route: APIRoute, init: CallInit = {}): Promise<{ status: number; body: Body }> {
    const { status, body } = await this.fetch(route, init);
    return { status, body };
  }

  /** `call`, keeping the raw text, bytes and headers (for CSV, zip and other non-JSON answers). */
  async fetch(
    route: APIRoute,
    init: CallInit = {},
  ): Promise<{ status: number; body: Body; text: string; bytes: Uint8Array; headers: Headers }> {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers = new Headers();
    if (method !== 'GET') headers.set('content-type', 'application/json');
    if (init.origin !== null && method !== 'GET') headers.set('origin', init.origin ?? SITE);
    const request = new Request(`${SITE}/api/test${init.search ?? ''}`, {
      method,
      headers,
      ...(method === 'GET'
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body ?? {}) }),
    });
    const jar = this.cookies;
    const cookies = {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)?.value } : undefined),
      set: (name: string, value: string, options: Record<string, unknown>) =>
        jar.set(name, { value, options }),
      delete: (name: string) => jar.delete(name),
    };
    const response = (await route({
      params: init.params ?? {},
      request,
      cookies,
      url: new URL(request.url),
      clientAddress: this.address,
    } as never)) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const isJson = response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      body: isJson && text ? JSON.parse(text) : {},
      text,
      bytes,
      headers: response.headers,
    };
  }
}
