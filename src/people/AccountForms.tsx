import { useState } from 'react';
import { postJson } from '../utils/post-json';
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

  const send = async (url: string, body: unknown, to: string) => {
    setBusy(true);
    setError('');
    const result = await postJson(url, body);
    setBusy(false);
    if (result.ok) window.location.assign(to);
    else setError(result.error);
  };
  const field = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement).value;

  if (signedIn) {
    return (
      <p>
        <button type="button" disabled={busy} onClick={() => void send('/api/auth/logout', {}, next)}>
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
        aria-label={t.signIn}
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void send('/api/auth/login', { email: field(f, 'email'), password: field(f, 'password') }, next);
        }}
      >
        <h2>{t.signIn}</h2>
        <label>
          {t.email} <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t.password} <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          {t.signIn}
        </button>
      </form>
      <form
        aria-label={t.createHeading}
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void send(
            '/api/auth/signup',
            { name: field(f, 'name'), email: field(f, 'email'), password: field(f, 'password') },
            next,
          );
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
        <button type="submit" disabled={busy}>
          {t.create}
        </button>
      </form>
    </div>
  );
}
