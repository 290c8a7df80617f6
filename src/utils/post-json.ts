/**
 * Sends JSON to this site's API (POST unless told otherwise: PATCH edits, DELETE deletes) and reads
 * the JSON answer. A failure (an error status, or no network) comes back as the server's message or
 * the browser's, never as an exception; its status is 0 when the server was not reached.
 */
export async function postJson<T>(
  url: string,
  body: unknown,
  method: 'POST' | 'PATCH' | 'DELETE' = 'POST',
): Promise<{ ok: true; value: T } | { ok: false; error: string; status: number }> {
  try {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const value = text ? JSON.parse(text) : {};
    return response.ok
      ? { ok: true, value: value as T }
      : { ok: false, error: String(value.error ?? response.statusText), status: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), status: 0 };
  }
}
