import type { HttpRequest } from '../../shell/system.ts';

/**
 * A request as a server inside a container receives it: the peer address is the bridge gateway
 * for the host, 127.0.0.1 from inside; the port is the one inside the container.
 */
export type ServiceRequest = HttpRequest;

/** A header's value (names compare case-insensitively), or undefined. */
export function requestHeader(request: { headers: [string, string][] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return request.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** An HTTP date (RFC 9110 IMF-fixdate): `Mon, 07 Dec 2026 09:00:00 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The request line a server logs: `GET / HTTP/1.1`. */
export function requestLine(request: ServiceRequest): string {
  return `${request.method} ${request.path} HTTP/1.1`;
}

/** `%XX` sequences decoded byte-wise as UTF-8; undefined when they do not form valid text. */
export function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return undefined;
  }
}
