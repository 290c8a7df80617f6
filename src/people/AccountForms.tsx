import { useEffect, useState } from 'react';
import { forgetBrowserProgress } from '../progress/browser-store';
import { postJson } from '../utils/post-json';
import { sameSitePath } from './next';
import type { PeopleStrings } from './strings';

export interface AccountFormsProps {
  /** Where to go once signed in or out. */
  next: string;
  signedIn: boolean;
  strings: PeopleStrings['forms'];
}

/** Sign-in and sign-up forms, or the sign-out button: each posts JSON and follows `next`. */
export default function AccountForms({ next, signedIn, strings: t }: AccountFormsProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Until React has hydrated the forms, a click would submit them natively: keep them disabled, and
  // POST rather than GET if it happens anyway, so a password never lands in the address bar or logs.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // `next` comes from the address bar: follow it only to a path on this site.
  const go = () => window.location.assign(sameSitePath(next, '/'));
  const send = async (url: string, body: unknown) => {
    setBusy(true);
    setError('');
    const result = await postJson(url, body);
    setBusy(false);
    if (result.ok) go();
    else setError(result.error);
  };
  /**
   * Sign-up answers the same whether or not the email already has an account (so it tells no one
   * which emails do); signing in with the same email and password then shows which it was.
   */
  const signUp = async (body: { name: string; email: string; password: string }) => {
    setBusy(true);
    setError('');
    const created = await postJson('/api/auth/signup', body);
    const signedIn = created.ok
      ? await postJson('/api/auth/login', { email: body.email, password: body.password })
      : created;
    setBusy(false);
    if (signedIn.ok) go();
    else setError(created.ok ? `${t.notSignedIn} (${signedIn.error})` : signedIn.error);
  };
  const field = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement).value;

  if (signedIn) {
    return (
      <p>
        <button
          type="button"
          className="qs-button"
          disabled={busy || !ready}
          onClick={() => {
            forgetBrowserProgress();
            void send('/api/auth/logout', {});
          }}
        >
          {t.signOut}
        </button>
      </p>
    );
  }
  return (
    <div className="people-forms">
      {error ? (
        <p className="people-error" role="alert">
          {error}
        </p>
      ) : null}
      <form
        method="post"
        aria-label={t.signIn}
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void send('/api/auth/login', { email: field(f, 'email'), password: field(f, 'password') });
        }}
      >
        <h2>{t.signIn}</h2>
        <label>
          {t.email} <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t.password} <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="qs-button qs-button-primary" disabled={busy || !ready}>
          {t.signIn}
        </button>
      </form>
      <form
        method="post"
        aria-label={t.createHeading}
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void signUp({ name: field(f, 'name'), email: field(f, 'email'), password: field(f, 'password') });
        }}
      >
        <h2>{t.createHeading}</h2>
        <label>
          {t.name} <input name="name" autoComplete="name" required />
        </label>
        <label>
          {t.email} <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t.newPassword}{' '}
          <input name="password" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        <button type="submit" className="qs-button qs-button-primary" disabled={busy || !ready}>
          {t.create}
        </button>
      </form>
    </div>
  );
}
