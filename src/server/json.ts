/** JSON responses and request guards shared by every API route. */

const MAX_BODY_BYTES = 1_000_000;

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
 * Reads a JSON request body after the checks every state-changing endpoint needs: the Origin is this
 * site's (no cross-site requests), the body is JSON and not too large. Returns the value or a Response.
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
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES)
    return { ok: false, response: problem(413, `the body is larger than ${MAX_BODY_BYTES} bytes`) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: problem(400, 'the body is not valid JSON') };
  }
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
  const parsed = schema.safeParse(body.value);
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
