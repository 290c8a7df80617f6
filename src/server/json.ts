/** JSON responses and request guards shared by every API route. */

const MAX_BODY_BYTES = 1_000_000;
/** No request of Quayside's nests deeper than a few levels; a deeper one is refused, not walked. */
const MAX_DEPTH = 64;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function problem(status: number, message: string): Response {
  return json(status, { error: message });
}

/**
 * The body as text, read as it streams in and abandoned once it passes `limit` bytes: a client that
 * sends a gigabyte costs us a megabyte. Undefined when it is too large.
 */
export async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Where a parsed JSON value holds text no store may keep: a NUL character (PostgreSQL's text and
 * jsonb refuse it) or half of a surrogate pair (not Unicode at all). The path to it, or undefined.
 */
export function unstorableText(value: unknown, path = '(root)', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\0') || !value.isWellFormed() ? path : undefined;
  if (depth > MAX_DEPTH) return path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableText(item, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableText(key, path, depth + 1) ?? unstorableText(item, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Reads a JSON request body after the checks every state-changing endpoint needs: the Origin is this
 * site's (no cross-site requests), the body is JSON, not too large, and holds only storable text.
 * Returns the value or a Response.
 */
export async function readJson(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const origin = request.headers.get('origin');
  if (!origin || origin !== new URL(request.url).origin) {
    return {
      ok: false,
      response: problem(403, 'cross-origin request refused: the Origin header must be this site'),
    };
  }
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return { ok: false, response: problem(415, 'send the body as application/json') };
  }
  const text = await readLimited(request).catch(() => undefined);
  if (text === undefined)
    return { ok: false, response: problem(413, `the body is larger than ${MAX_BODY_BYTES} bytes`) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, 'the body is not valid JSON') };
  }
  const bad = unstorableText(value);
  if (bad)
    return {
      ok: false,
      response: problem(
        400,
        bad.split('.').length > MAX_DEPTH
          ? `invalid request: nested more than ${MAX_DEPTH} levels deep`
          : `invalid request: ${bad}: text with a NUL character or a lone surrogate`,
      ),
    };
  return { ok: true, value };
}

/** Anything with zod's `safeParse`. */
interface Schema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** `readJson`, then validation: the body as the schema's output, or a 400 naming the first problem. */
export async function readValid<T>(
  request: Request,
  schema: Schema<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const body = await readJson(request);
  if (!body.ok) return body;
  return valid(body.value, schema);
}

/** A GET request's query, validated: its parameters (the last of a repeated name) as the schema's output, or a 400. */
export function validQuery<T>(
  url: URL,
  schema: Schema<T>,
): { ok: true; value: T } | { ok: false; response: Response } {
  return valid(Object.fromEntries(url.searchParams), schema);
}

/** The value as the schema's output, or a 400 naming the first problem. */
function valid<T>(
  value: unknown,
  schema: Schema<T>,
): { ok: true; value: T } | { ok: false; response: Response } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.') || '(root)';
  return { ok: false, response: problem(400, `invalid request: ${where}: ${issue?.message}`) };
}

/** 429 with Retry-After, for rate-limited endpoints. */
export function tooMany(seconds: number, what: string): Response {
  const response = problem(429, `${what}; try again in ${seconds} s`);
  response.headers.set('retry-after', String(seconds));
  return response;
}
