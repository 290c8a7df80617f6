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
