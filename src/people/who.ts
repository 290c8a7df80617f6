/** Someone signed in, as the page needs to know them. */
export interface SignedIn {
  name: string;
}

let asked: Promise<SignedIn | null | undefined> | undefined;

/**
 * Who is signed in, asked of the server once per page however many parts of it want to know:
 * null for nobody, undefined when the server could not say.
 */
export function whoIsSignedIn(): Promise<SignedIn | null | undefined> {
  asked ??= fetch('/api/auth/me')
    .then(async (response) => {
      // Read to the end whatever the answer: a body left unread keeps the request open.
      const body = (await response.json().catch(() => undefined)) as
        | { user?: { name?: unknown } | null }
        | undefined;
      if (!response.ok || body?.user === undefined) return undefined;
      return typeof body.user?.name === 'string' ? { name: body.user.name } : null;
    })
    .catch(() => undefined);
  return asked;
}
