import { readLimited } from '../json.ts';

/** LTI messages are small: an id_token of a few kilobytes and a state. */
const MAX_FORM_BYTES = 64 * 1024;

/** A request's form fields (query for GET, urlencoded body for POST); undefined when too large or not a form. */
export async function readForm(request: Request): Promise<Record<string, string> | undefined> {
  if (request.method === 'GET') return Object.fromEntries(new URL(request.url).searchParams);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  const text = await readLimited(request, MAX_FORM_BYTES).catch(() => undefined);
  return text === undefined ? undefined : Object.fromEntries(new URLSearchParams(text));
}
